package io.packetstream.query.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.packetstream.query.render.Renderer;

import java.util.Optional;

/**
 * Gives the responses reactor-netty writes by itself (a request line over 4 KiB: 414, headers over 8 KiB: 431, a
 * path that is not valid URL encoding: 400) the JSON error body every other error has, so a client parses one
 * error shape. They are recognisable as the only error responses without a body: every response of ours has one.
 * Sits between the HTTP codec and reactor-netty's handlers, stateless, so one instance serves every channel.
 */
@ChannelHandler.Sharable
final class ErrorBodyHandler extends ChannelDuplexHandler {

    static final ErrorBodyHandler INSTANCE = new ErrorBodyHandler();

    private ErrorBodyHandler() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof FullHttpResponse r && r.status().code() >= 400 && !r.content().isReadable()
                && !r.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            byte[] body = Renderer.error(message(r.status().code(), r.status().reasonPhrase()), Optional.empty());
            FullHttpResponse json = new DefaultFullHttpResponse(r.protocolVersion(), r.status(),
                    Unpooled.wrappedBuffer(body), r.headers().copy(), r.trailingHeaders().copy());
            json.headers().set(HttpHeaderNames.CONTENT_TYPE, Responses.JSON)
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            r.release();
            ctx.write(json, promise);
            return;
        }
        ctx.write(msg, promise);
    }

    private static String message(int status, String reason) {
        return switch (status) {
            case 414 -> "the request line is too long (at most 4096 bytes)";
            case 431 -> "the request headers are too large (at most 8192 bytes)";
            case 400 -> "the request is not valid HTTP or its path is not valid URL encoding";
            default -> reason;
        };
    }
}
