package dev.signalbox.gateway.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import dev.signalbox.core.request.Operation;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plain HTTP/1.1 exchanges on raw Netty channels of the gateway's own event loop: keep-alive
 * connections pooled per endpoint address, the request written as one buffer, the answer decoded
 * by Netty's response decoder and handed on as it comes. It spares each proxied request the
 * request, response, header-map, future and queue objects of a general-purpose client (the
 * largest share of the gateway's CPU in a profile). Single-threaded: every method runs on
 * {@code loop}.
 */
final class NettyUpstreamClient implements UpstreamClient {
  /** Idle pooled connections are closed after this long, as Vert.x's client and nginx do. */
  static final long IDLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final byte[] CRLF = {'\r', '\n'};

  private final EventLoop loop;
  private final ChannelFactory<? extends Channel> channels;
  private final AddressResolverGroup<InetSocketAddress> resolver;
  private final int maxConnections;
  private final long idleTimeoutNanos;
  private final ScheduledFuture<?> idleSweep;
  /** By identity: addresses are parsed once per URL, and a record's hash would cover every field. */
  private final Map<UpstreamAddress, Pool> pools = new IdentityHashMap<>();
  private boolean closed;

  /**
   * @param channels makes the transport's socket channels (native epoll where Vert.x uses it)
   * @param resolver resolves host names without blocking the event loop (Vert.x's)
   * @param maxConnections the most connections to one address from this event loop
   * @param idleTimeoutNanos how long a pooled connection may stay unused before it is closed
   */
  NettyUpstreamClient(EventLoop loop, ChannelFactory<? extends Channel> channels,
      AddressResolverGroup<InetSocketAddress> resolver, int maxConnections, long idleTimeoutNanos) {
    this.loop = loop;
    this.channels = channels;
    this.resolver = resolver;
    this.maxConnections = Math.max(1, maxConnections);
    this.idleTimeoutNanos = idleTimeoutNanos;
    long period = Math.max(idleTimeoutNanos / 4, TimeUnit.MILLISECONDS.toNanos(10));
    this.idleSweep = loop.scheduleAtFixedRate(this::closeIdle, period, period, TimeUnit.NANOSECONDS);
  }

  @Override
  public Exchange send(UpstreamAddress address, Operation operation, CharSequence[] headers, byte[] body,
      long connectTimeoutMs, Listener listener) {
    NettyExchange exchange =
        new NettyExchange(address, address.path(operation), headers, body, connectTimeoutMs, listener);
    if (closed) {
      listener.onConnectFailed(new IOException("the gateway is shutting down"));
      return exchange;
    }
    pools.computeIfAbsent(address, Pool::new).acquire(exchange);
    return exchange;
  }

  @Override
  public Future<Void> close() {
    closed = true;
    idleSweep.cancel(false);
    List<Connection> open = new ArrayList<>();
    for (Pool pool : pools.values()) {
      open.addAll(pool.idle);
      pool.idle.clear();
    }
    open.forEach(c -> c.channel.close());
    return Future.succeededFuture();
  }

  private void closeIdle() {
    long idleSince = System.nanoTime() - idleTimeoutNanos;
    for (Pool pool : pools.values()) {
      pool.closeIdleSince(idleSince);
    }
  }

  /** One address's connections: idle ones ready for reuse, and exchanges waiting for one. */
  private final class Pool {
    final UpstreamAddress address;
    /** Most recently used first, so the longest idle are at the tail. */
    final ArrayDeque<Connection> idle = new ArrayDeque<>();
    final ArrayDeque<NettyExchange> waiting = new ArrayDeque<>();
    int open;

    Pool(UpstreamAddress address) {
      this.address = address;
    }

    void acquire(NettyExchange exchange) {
      Connection c;
      while ((c = idle.pollFirst()) != null) {
        if (c.reusable()) {
          exchange.start(c);
          return;
        }
        c.channel.close();
      }
      if (open < maxConnections) {
        connect(exchange);
      } else {
        exchange.waitingIn = this;
        waiting.addLast(exchange);
      }
    }

    private void connect(NettyExchange exchange) {
      open++;
      Connection connection = new Connection(this);
      ChannelFuture connecting = new Bootstrap().group(loop).channelFactory(channels)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, exchange.connectTimeoutMs))
          .handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
              ch.pipeline().addLast(connection.decoder, connection);
            }
          })
          .resolver(resolver)
          .connect(address.socket());
      connecting.addListener(f -> {
        if (f.isSuccess()) {
          if (exchange.abandoned) {
            release(connection);
          } else {
            exchange.start(connection);
          }
          return;
        }
        open--;
        if (!exchange.abandoned) {
          exchange.listener.onConnectFailed(f.cause());
        }
        next();
      });
    }

    /** A connection whose exchange ended cleanly: the next waiting exchange takes it, or it idles. */
    void release(Connection c) {
      Channel ch = c.channel;
      if (closed || !c.reusable()) {
        ch.close();
        return;
      }
      if (!ch.config().isAutoRead()) {
        ch.config().setAutoRead(true); // an answer can end while paused, within one read's batch
      }
      NettyExchange next;
      while ((next = waiting.pollFirst()) != null) {
        next.waitingIn = null;
        if (!next.abandoned) {
          next.start(c);
          return;
        }
      }
      c.idleSince = System.nanoTime();
      idle.addFirst(c);
    }

    void closeIdleSince(long since) {
      Connection oldest;
      while ((oldest = idle.peekLast()) != null && oldest.idleSince - since <= 0) {
        idle.pollLast();
        oldest.channel.close();
      }
    }

    /** A connection went away: count it out and give a waiting exchange a new one. */
    void closed(Connection c) {
      open--;
      idle.remove(c);
      next();
    }

    private void next() {
      NettyExchange next;
      while (open < maxConnections && (next = waiting.pollFirst()) != null) {
        next.waitingIn = null;
        if (!next.abandoned) {
          connect(next);
        }
      }
    }
  }

  private static final class NettyExchange implements Exchange {
    final UpstreamAddress address;
    final String path;
    final CharSequence[] headers;
    final byte[] body;
    final long connectTimeoutMs;
    final Listener listener;
    Pool waitingIn;
    /** The connection carrying this exchange, while it does. */
    Connection connection;
    boolean abandoned;

    NettyExchange(UpstreamAddress address, String path, CharSequence[] headers, byte[] body, long connectTimeoutMs,
        Listener listener) {
      this.address = address;
      this.path = path;
      this.headers = headers;
      this.body = body;
      this.connectTimeoutMs = connectTimeoutMs;
      this.listener = listener;
    }

    void start(Connection c) {
      connection = c;
      c.exchange = this;
      Channel ch = c.channel;
      ByteBuf request = ch.alloc().buffer(256 + body.length);
      request.writeCharSequence("POST ", StandardCharsets.US_ASCII);
      request.writeCharSequence(path, StandardCharsets.UTF_8);
      request.writeCharSequence(" HTTP/1.1\r\nhost: ", StandardCharsets.US_ASCII);
      request.writeCharSequence(address.hostHeader(), StandardCharsets.US_ASCII);
      // identity: the answer is relayed, sniffed for usage and checked as it is
      request.writeCharSequence("\r\ncontent-type: application/json\r\naccept-encoding: identity\r\ncontent-length: ",
          StandardCharsets.US_ASCII);
      request.writeCharSequence(Integer.toString(body.length), StandardCharsets.US_ASCII);
      request.writeBytes(CRLF);
      for (int i = 0; i < headers.length; i += 2) {
        request.writeCharSequence(headers[i], StandardCharsets.US_ASCII);
        request.writeByte(':').writeByte(' ');
        request.writeCharSequence(headers[i + 1], StandardCharsets.US_ASCII);
        request.writeBytes(CRLF);
      }
      request.writeBytes(CRLF);
      request.writeBytes(body);
      ch.writeAndFlush(request, ch.voidPromise()); // a failed write reaches the Connection as an exception
    }

    @Override
    public void pause() {
      if (connection != null) {
        connection.channel.config().setAutoRead(false);
      }
    }

    @Override
    public void resume() {
      if (connection != null) {
        connection.channel.config().setAutoRead(true);
      }
    }

    @Override
    public void reset() {
      abandoned = true;
      if (waitingIn != null) {
        waitingIn.waiting.remove(this);
        waitingIn = null;
      }
      Connection c = connection;
      connection = null;
      if (c != null) {
        c.exchange = null;
        c.channel.close();
      }
    }
  }

  /**
   * One upstream connection, as the handler at the end of its pipeline: reads answers off it and
   * hands them to the exchange it carries. The pool holds these, not bare channels.
   *
   * <p>A connection goes back to the pool only when its framing is beyond doubt: informational
   * (1xx) heads are skipped, an unasked-for protocol switch (101) fails the exchange, and a
   * connection that received anything after the end of an answer (bytes past Content-Length, a
   * second response) or before a request is closed; the release waits for the end of the read
   * batch, so bytes that came with the end of an answer are seen before another request could
   * take them for its own.
   */
  private static final class Connection extends ChannelInboundHandlerAdapter {
    private final Pool pool;
    final ResponseDecoder decoder = new ResponseDecoder();
    Channel channel;
    NettyExchange exchange;
    long idleSince;
    private boolean keepAlive;
    /** An informational head came: its empty end is not the answer's. */
    private boolean interim;
    /** The answer ended in this read batch; the pool gets the connection when the batch is done. */
    private boolean releasePending;
    /** Something arrived that no request asked for: never reuse. */
    private boolean tainted;

    Connection(Pool pool) {
      this.pool = pool;
    }

    boolean reusable() {
      return !tainted && channel.isActive() && !decoder.holdsBytes();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        NettyExchange ex = exchange;
        if (ex == null || !(msg instanceof HttpObject object)) {
          tainted = true; // an answer nobody asked for, or bytes after a protocol switch
          ctx.close();
          return;
        }
        if (object.decoderResult().isFailure()) {
          fail(ctx, ex, object.decoderResult().cause());
          return;
        }
        if (object instanceof HttpResponse head) {
          int status = head.status().code();
          if (status == 101) {
            fail(ctx, ex, new ProtocolException("the upstream switched protocols (HTTP 101) without being asked"));
            return;
          }
          if (status < 200) {
            interim = true; // 100 Continue, 103 Early Hints: the final answer follows
            return;
          }
          keepAlive = HttpUtil.isKeepAlive(head);
          var h = head.headers();
          ex.listener.onHead(new Head(status, h.get(HttpHeaderNames.CONTENT_TYPE),
              h.get(HttpHeaderNames.CONTENT_LENGTH), h.get(HttpHeaderNames.RETRY_AFTER),
              h.get(HttpHeaderNames.CONTENT_ENCODING), h.get(HttpHeaderNames.LOCATION)));
        }
        if (object instanceof HttpContent content && exchange == ex) {
          if (interim) {
            interim = !(object instanceof LastHttpContent);
            return;
          }
          ByteBuf bytes = content.content();
          if (bytes.isReadable()) {
            ex.listener.onChunk(Buffer.buffer(ByteBufUtil.getBytes(bytes)));
          }
          if (object instanceof LastHttpContent && exchange == ex) {
            exchange = null;
            ex.connection = null;
            if (keepAlive) {
              releasePending = true;
            } else {
              tainted = true;
              ctx.close();
            }
            ex.listener.onEnd();
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (releasePending) {
        releasePending = false;
        pool.release(this);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      releasePending = false;
      pool.closed(this);
      NettyExchange ex = exchange;
      if (ex != null) {
        exchange = null;
        ex.connection = null;
        ex.listener.onFailed(new IOException("the upstream closed the connection"));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      NettyExchange ex = exchange;
      if (ex != null) {
        fail(ctx, ex, cause);
      } else {
        tainted = true;
        ctx.close();
      }
    }

    private void fail(ChannelHandlerContext ctx, NettyExchange ex, Throwable cause) {
      exchange = null;
      ex.connection = null;
      tainted = true;
      ctx.close();
      ex.listener.onFailed(cause);
    }
  }

  /** Netty's response decoder, able to say whether it holds bytes of an answer not yet complete. */
  private static final class ResponseDecoder extends HttpResponseDecoder {
    boolean holdsBytes() {
      return internalBuffer().isReadable();
    }
  }
}
