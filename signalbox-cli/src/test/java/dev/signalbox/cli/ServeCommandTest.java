package dev.signalbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The long-running servers on a port that is taken. */
class ServeCommandTest {

  /** What {@code command --port P} prints to standard error while P is taken on 127.0.0.1. */
  private static String onBusyPort(String command) throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      CliRun run = CliRun.of(command, "--port", String.valueOf(busy.getLocalPort()));
      assertThat(run.code()).isEqualTo(1);
      return run.err().replace(String.valueOf(busy.getLocalPort()), "PORT");
    }
  }

  @Test
  void serve_onABusyPortSaysWhichAddressAndHowToChooseAnother() throws Exception {
    assertThat(onBusyPort("serve"))
        .isEqualTo("signalbox: 127.0.0.1:PORT is already in use (choose another with --port or server.port)\n");
  }

  @Test
  void sim_onABusyPortSaysWhichAddressAndHowToChooseAnother() throws Exception {
    assertThat(onBusyPort("sim"))
        .isEqualTo("signalbox: 127.0.0.1:PORT (or a port after it) is already in use (choose another with --port)\n");
  }
}
