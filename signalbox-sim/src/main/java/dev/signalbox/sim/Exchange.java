package dev.signalbox.sim;

import dev.signalbox.core.api.OpenAiError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;

/** One admitted inference request: submits its job to the engine and answers as the job progresses. */
abstract class Exchange implements ServingEngine.Listener {
  protected final HttpServerRequest request;
  protected final HttpServerResponse response;
  protected final FaultDraw faults;
  protected final ReplicaCounters counters;
  private ServingEngine.Ticket ticket;

  Exchange(HttpServerRequest request, FaultDraw faults, ReplicaCounters counters) {
    this.request = request;
    this.response = request.response();
    this.faults = faults;
    this.counters = counters;
  }

  /** Submits the job, or answers 503 when the replica's queue is full. */
  final void start(ServingEngine engine, ServingEngine.Job job) {
    Optional<ServingEngine.Ticket> admitted = engine.submit(job, this);
    if (admitted.isEmpty()) {
      counters.rejected.incrementAndGet();
      Responses.error(response, new OpenAiError(503, "server_error", "overloaded", null,
          "The simulated replica is overloaded: its queue is full. Retry later."));
      return;
    }
    ticket = admitted.get();
    if (faults.spike()) {
      counters.spikes.incrementAndGet();
    }
    // A client that goes away frees its slot or queue place.
    response.closeHandler(closed -> ticket.cancel());
    if (response.closed()) {
      ticket.cancel();
    }
  }

  @Override
  public void tokensReady(int produced) {}

  /** Ends the job early and closes the connection without finishing the response. */
  protected final void cut() {
    counters.cuts.incrementAndGet();
    ticket.cancel();
    request.connection().close();
  }

  /** Ends the response normally; counted before the write so a client never sees a stale count. */
  protected final void end(Buffer last) {
    if (response.closed()) {
      return;
    }
    counters.completed.incrementAndGet();
    // A write that fails (direct memory short for a large body) must not leave the client waiting
    // for a body that never comes: close, so it sees the failure at once.
    response.end(last).onFailure(t -> request.connection().close());
  }

  protected final boolean cutPlanned() {
    return faults.outcome() == FaultDraw.Outcome.CUT;
  }
}
