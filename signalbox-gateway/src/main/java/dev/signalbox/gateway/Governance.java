package dev.signalbox.gateway;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.config.AuthConfig;
import dev.signalbox.core.feedback.RequestOutcome;
import dev.signalbox.core.governance.KeyRing;
import dev.signalbox.core.governance.KeyRing.Principal;
import dev.signalbox.core.governance.MemorySpendLedger;
import dev.signalbox.core.governance.SpendLedger;
import dev.signalbox.core.governance.SpendLog;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.routing.RoutingTable.Routed;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may call, and what they may spend (on when the configuration has {@code auth:}): the
 * caller's virtual key checked at the edge (401), the admin endpoints behind the master key, the
 * models and routes a key may name (403), its parallel limit and its budgets (429), reserved before
 * a request is sent and settled when it ends.
 */
final class Governance {
  private final AuthConfig auth;
  private final KeyRing keys;
  private final SpendLedger ledger = new MemorySpendLedger();
  private final SpendLog spend;
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

  Governance(AuthConfig auth, int keepRecords) {
    this.auth = auth;
    this.keys = new KeyRing(auth);
    this.spend = new SpendLog(keepRecords);
  }

  KeyRing keys() {
    return keys;
  }

  SpendLog spend() {
    return spend;
  }

  boolean enabled() {
    return auth.enabled();
  }

  /** The caller of an API request, or null when auth is off. */
  Principal caller(HttpServerRequest req) {
    return auth.enabled() ? keys.authenticate(presentedKey(req), System.currentTimeMillis()) : null;
  }

  /** Refuses an admin request without the master key (when auth is on). */
  void requireAdmin(HttpServerRequest req) {
    if (!auth.enabled()) {
      return;
    }
    String presented = presentedKey(req);
    if (auth.masterKey() == null || presented == null || !MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), auth.masterKey().reveal().getBytes(StandardCharsets.UTF_8))) {
      throw new OpenAiError(401, "invalid_request_error", "invalid_api_key", null,
          "This endpoint needs the admin credential (auth.master_key)"
              + (auth.masterKey() == null ? ", and none is configured." : "."));
    }
  }

  /**
   * Admits a routed request for its caller: the model or route it named, a place within its
   * parallel limit, and its worst-case cost reserved against its budgets. The caller must {@link
   * Admission#end} it.
   */
  Admission admit(Principal caller, String requestId, String requested, Routed routed, Catalog catalog, int promptTokens,
      int maxTokens) {
    if (caller == null) {
      return Admission.OPEN;
    }
    KeyRing.allow(caller, requested, routed);
    AtomicInteger running = null;
    int limit = caller.key().maxParallel();
    if (limit > 0) {
      running = inFlight.computeIfAbsent(caller.id(), id -> new AtomicInteger());
      if (running.incrementAndGet() > limit) {
        running.decrementAndGet();
        throw new OpenAiError(429, "requests", "max_parallel_exceeded", null,
            "The API key '" + caller.id() + "' already has " + limit + " requests in flight (its max_parallel).");
      }
    }
    try {
      double worst = worstCase(routed, catalog, promptTokens, maxTokens);
      SpendLedger.Reservation held = ledger.reserve(SpendLedger.budgets(caller), worst, System.currentTimeMillis());
      return new Admission(held, worst, running, this, caller, requestId, routed);
    } catch (RuntimeException e) {
      if (running != null) {
        running.decrementAndGet();
      }
      throw e;
    }
  }

  /** What the request may cost at most: the prompt and its output limit at the dearest model it may end on. */
  static double worstCase(Routed routed, Catalog catalog, int promptTokens, int maxTokens) {
    double worst = 0;
    for (String model : routed.fallbacks().isEmpty() ? java.util.List.of(routed.model())
        : concat(routed.model(), routed.fallbacks())) {
      ModelSpec spec = catalog.get(model);
      if (spec != null) {
        int output = maxTokens > 0 ? maxTokens : Math.max(0, spec.contextWindow() - promptTokens);
        worst = Math.max(worst, spec.cost(promptTokens, output));
      }
    }
    return worst;
  }

  private static java.util.List<String> concat(String first, java.util.List<String> rest) {
    java.util.List<String> all = new java.util.ArrayList<>(1 + rest.size());
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** What a scope ({@code key:ID}, {@code team:NAME}) has been charged in its current period. */
  double spentUsd(String scope) {
    return ledger.spentUsd(scope, System.currentTimeMillis());
  }

  /** The key from {@code Authorization: Bearer} or {@code x-api-key}. */
  private static String presentedKey(HttpServerRequest req) {
    String bearer = req.getHeader("authorization");
    if (bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return bearer.substring(7).trim();
    }
    return req.getHeader("x-api-key");
  }

  /** An admitted request's hold on its caller's budgets and parallel limit. */
  static final class Admission {
    static final Admission OPEN = new Admission(SpendLedger.NONE, 0, null, null, null, null, null);

    private final SpendLedger.Reservation held;
    private final double worstCase;
    private final AtomicInteger running;
    private final Governance governance;
    private final Principal caller;
    private final String requestId;
    private final Routed routed;

    private Admission(SpendLedger.Reservation held, double worstCase, AtomicInteger running, Governance governance,
        Principal caller, String requestId, Routed routed) {
      this.held = held;
      this.worstCase = worstCase;
      this.running = running;
      this.governance = governance;
      this.caller = caller;
      this.requestId = requestId;
      this.routed = routed;
    }

    /** The least budget left after the reservation (infinite without budgets). */
    double remainingUsd() {
      return held.remainingUsd();
    }

    /**
     * The request is over: charges what it cost, or the whole reservation when an answer began but
     * its usage is unknown (never less than it might have cost), or nothing when none began.
     *
     * @return what was charged
     */
    double end(RequestOutcome outcome) {
      double charge = Math.min(worstCase,
          outcome.hasUsage() ? outcome.costUsd() : outcome.servedModel() != null ? worstCase : 0);
      long now = System.currentTimeMillis();
      held.settle(charge, now);
      if (running != null) {
        running.decrementAndGet();
      }
      if (caller != null) {
        governance.spend.add(new SpendLog.SpendRecord(now, requestId, caller.id(), caller.key().team(),
            outcome.servedModel() != null ? outcome.servedModel() : routed.model(), routed.route(),
            outcome.promptTokens(), outcome.completionTokens(), charge, outcome.latencyMs(), outcome.status()));
      }
      return charge;
    }
  }
}
