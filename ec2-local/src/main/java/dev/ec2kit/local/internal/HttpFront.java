package dev.ec2kit.local.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ec2kit.internal.signing.FormCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP side of the emulator: authenticates each request, finds the action's handler, and
 * writes its answer or EC2's error document. Never a stack trace on the wire.
 */
public final class HttpFront implements HttpHandler {
  private static final int MAX_BODY = 16 * 1024 * 1024;

  private final SignatureVerifier verifier;
  private final ActionTable actions;
  private final PrintStream log;

  public HttpFront(SignatureVerifier verifier, ActionTable actions, PrintStream log) {
    this.verifier = verifier;
    this.actions = actions;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    int status;
    String body;
    try {
      body = answer(exchange, requestId);
      status = 200;
    } catch (Ec2Error e) {
      status = e.status();
      body = Xml.error(e.code(), e.getMessage(), requestId);
    } catch (RuntimeException | IOException e) {
      status = 500;
      body = Xml.error("InternalError", "An internal error has occurred", requestId);
      if (log != null) {
        log.println("ec2-local: internal error in request " + requestId + ": " + e);
        e.printStackTrace(log);
      }
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String answer(HttpExchange exchange, String requestId) throws IOException {
    String method = exchange.getRequestMethod();
    if (!method.equals("POST") && !method.equals("GET")) {
      throw new Ec2Error("InvalidHttpRequest", "The EC2 Query API takes GET or POST, not " + method + ".", 405);
    }
    byte[] body = readBody(exchange.getRequestBody());
    String rawQuery = exchange.getRequestURI().getRawQuery();
    SignatureVerifier.Principal who =
        verifier.verify(
            new SignatureVerifier.Received(
                method, exchange.getRequestURI().getRawPath(), rawQuery, exchange.getRequestHeaders(), body));
    Map<String, String> params = new LinkedHashMap<>();
    FormCodec.decode(rawQuery).forEach(e -> params.put(e.getKey(), e.getValue()));
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (body.length > 0 && (contentType == null || contentType.startsWith("application/x-www-form-urlencoded"))) {
      FormCodec.decode(new String(body, StandardCharsets.UTF_8)).forEach(e -> params.put(e.getKey(), e.getValue()));
    }
    String action = params.get("Action");
    if (action == null || action.isEmpty()) {
      throw Ec2Error.badRequest("MissingAction", "The request must contain the parameter Action.");
    }
    ActionTable.Entry entry = actions.get(action);
    if (entry == null) {
      throw Ec2Error.badRequest("InvalidAction", "The action " + action + " is not valid for this web service.");
    }
    if (!params.containsKey("Version")) {
      throw Ec2Error.missingParameter("Version");
    }
    Call call = new Call(action, params, who.accountId(), who.region(), requestId);
    String answer = entry.handler().handle(call);
    if (entry.readOnly()) {
      call.checkDryRun();
    }
    return answer;
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      throw Ec2Error.badRequest("RequestEntityTooLarge", "The request body is larger than " + MAX_BODY + " bytes.");
    }
    return bytes;
  }
}
