package dev.signalbox.core.config;

import static dev.signalbox.core.config.ConfigLoaderTest.assertProblem;
import static dev.signalbox.core.config.ConfigLoaderTest.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.governance.KeyRing;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthConfigTest {
  private static final String KEY = "sk-sbx-alice-0123456789";

  @Test
  void authIsOffWithoutAnAuthSection() {
    assertThat(ConfigLoader.parse(minimal(""), name -> null).auth().enabled()).isFalse();
  }

  @Test
  void keysAndTeams_areRead_andOnlyTheKeysHashIsKept() {
    SignalboxConfig config = ConfigLoader.parse(minimal("""
        auth: {master_key: "${MASTER}"}
        teams: [{name: research, budget_usd: 50, budget_period: 30d, models: [auto]}]
        keys:
          - {id: alice, key: "${ALICE}", team: research, budget_usd: 5, budget_period: 12h, max_parallel: 2,
             expires_at: "2027-01-01T00:00:00Z", metadata: {owner: alice@example.com}}
        """), Map.of("MASTER", "master-0123456789abcdef", "ALICE", KEY)::get);
    AuthConfig auth = config.auth();
    assertThat(auth.enabled()).isTrue();
    assertThat(auth.teams().get(0).budget()).isEqualTo(new AuthConfig.BudgetConfig(50, Duration.ofDays(30)));
    AuthConfig.KeyConfig alice = auth.keys().get(0);
    assertThat(alice.sha256()).isEqualTo(KeyHash.sha256(KEY)).doesNotContain(KEY);
    assertThat(alice.toString()).doesNotContain(KEY);
    assertThat(alice.budget().period()).isEqualTo(Duration.ofHours(12));
    assertThat(alice.metadata()).containsEntry("owner", "alice@example.com");
    KeyRing ring = new KeyRing(auth);
    assertThat(ring.authenticate(KEY, 0).team().name()).isEqualTo("research");
    assertThatThrownBy(() -> ring.authenticate(KEY, java.time.Instant.parse("2027-01-02T00:00:00Z").toEpochMilli()))
        .isInstanceOfSatisfying(OpenAiError.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining("expired");
    assertThat(ring.revoke("alice")).isTrue();
    assertThatThrownBy(() -> ring.authenticate(KEY, 0)).hasMessageContaining("Incorrect API key");
  }

  @Test
  void badKeys_areNamed() {
    assertProblem(minimal("auth: {}\nkeys: [{id: a}]\n"), "keys[0].key").hasMessageContaining("exactly one of");
    assertProblem(minimal("auth: {}\nkeys: [{id: a, key: short}]\n"), "keys[0].key")
        .hasMessageContaining("at least 16");
    assertProblem(minimal("auth: {}\nkeys: [{id: a, key_sha256: abc}]\n"), "keys[0].key_sha256");
    assertProblem(minimal("auth: {}\nkeys: [{id: a, key: 0123456789abcdefg, team: nope}]\n"), "keys[0].team")
        .hasMessageContaining("unknown team");
    assertProblem(minimal("auth: {}\nkeys: [{id: a, key: 0123456789abcdefg, budget_usd: 1, budget_period: 1w}]\n"),
        "keys[0].budget_period");
    assertProblem(minimal("auth: {}\nkeys: [{id: a, key: 0123456789abcdefg, expires_at: tomorrow}]\n"),
        "keys[0].expires_at");
    assertProblem(minimal("keys: [{id: a, key: 0123456789abcdefg}]\n"), "keys").hasMessageContaining("auth is off");
    assertProblem(minimal("auth: {master_key: short}\n"), "auth.master_key");
    assertProblem(minimal("auth: {}\nkeys: [{id: a, key: 0123456789abcdefg, colour: red}]\n"), "keys[0].colour");
  }
}
