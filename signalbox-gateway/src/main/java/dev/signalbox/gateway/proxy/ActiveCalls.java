package dev.signalbox.gateway.proxy;

import java.util.ArrayList;
import java.util.List;

/**
 * The proxied calls in flight on one event loop, so that a shutdown can end those still running
 * when its grace period is over. An intrusive list: adding and removing allocate nothing. Used
 * only on its event loop.
 */
public final class ActiveCalls {
  private ProxyCall head;
  private int size;

  void add(ProxyCall call) {
    call.nextActive = head;
    call.prevActive = null;
    if (head != null) {
      head.prevActive = call;
    }
    head = call;
    size++;
  }

  void remove(ProxyCall call) {
    if (call.prevActive == null && head != call) {
      return; // not in the list
    }
    if (call.prevActive != null) {
      call.prevActive.nextActive = call.nextActive;
    } else {
      head = call.nextActive;
    }
    if (call.nextActive != null) {
      call.nextActive.prevActive = call.prevActive;
    }
    call.prevActive = null;
    call.nextActive = null;
    size--;
  }

  public int size() {
    return size;
  }

  /** Ends every call still in flight with an error that says why; returns how many there were. */
  public int abortAll(String why) {
    List<ProxyCall> calls = new ArrayList<>(size);
    for (ProxyCall c = head; c != null; c = c.nextActive) {
      calls.add(c);
    }
    calls.forEach(c -> c.abort(why));
    return calls.size();
  }
}
