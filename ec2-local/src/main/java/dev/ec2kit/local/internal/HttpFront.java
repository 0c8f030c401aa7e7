package dev.ec2kit.local.internal;

import dev.ec2kit.internal.signing.FormCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dispatcher: every rule that holds for all actions lives here, once. It authenticates the
 * request, reads and bounds its parameters (list indexes, characters XML 1.0 cannot carry), finds
 * the action's handler, takes the lock of the caller's account and region, brings that state up to
 * now, and only then calls the handler; after an action that may change the state, it is kept
 * (where the world is kept: {@code --state}) before the answer is sent. Handlers never lock,
 * advance the clock or keep state themselves. Every answer is EC2's XML, an error included; a
 * handler's unexpected exception is a 500 that is counted and logged, never a stack trace on the
 * wire.
 */
public final class HttpFront implements WireServer.Handler {
  /** The most parameters one request may carry. */
  static final int MAX_PARAMETERS = 20_000;

  private final SignatureVerifier verifier;
  private final ActionTable actions;
  private final World world;
  private final Faults faults;
  private final PrintStream log;
  private final IdentityServices identity;
  private final AtomicLong internalErrors = new AtomicLong();

  public HttpFront(
      SignatureVerifier verifier,
      ActionTable actions,
      World world,
      Faults faults,
      PrintStream log,
      IdentityServices identity) {
    this.verifier = verifier;
    this.actions = actions;
    this.world = world;
    this.faults = faults;
    this.log = log;
    this.identity = identity;
  }

  /** How many requests ended in an unexpected exception (500 InternalError) so far. */
  public long internalErrors() {
    return internalErrors.get();
  }

  /** EC2's error document as an HTTP response. */
  public static WireServer.Response error(
      int status, String code, String message, String requestId) {
    return xml(status, Xml.error(code, message, requestId), requestId);
  }

  private static WireServer.Response xml(int status, String body, String requestId) {
    return new WireServer.Response(
        status,
        "text/xml;charset=UTF-8",
        Map.of("x-amzn-RequestId", requestId),
        body.getBytes(StandardCharsets.UTF_8),
        false);
  }

  @Override
  public WireServer.Response handle(WireServer.Request request) {
    String path = request.rawPath();
    String reached = request.local() == null ? null : request.local().getHostAddress();
    if (reached != null && world.isInstanceAddress(reached)) {
      return metadata(request, reached); // an instance's own address: its metadata, nothing else
    }
    if (path.startsWith("/federation/") || path.equals("/token")) {
      return plain(request); // the SSO portal and OIDC: their own protocols
    }
    String requestId = UUID.randomUUID().toString();
    Faults.Outcome fault = Faults.Outcome.NONE;
    try {
      Dispatched d = dispatch(request, requestId);
      fault = d.fault();
      if (fault == Faults.Outcome.DROP) {
        return WireServer.Response.dropped(); // processed, and the answer lost on the way
      }
      return xml(200, d.body(), requestId);
    } catch (Ec2Error e) {
      if (e instanceof StsError) {
        return xml(
            e.status(), IdentityServices.stsError(e.code(), e.getMessage(), requestId), requestId);
      }
      return error(e.status(), e.code(), e.getMessage(), requestId);
    } catch (RuntimeException e) {
      internalErrors.incrementAndGet();
      if (log != null) {
        log.println("ec2-local: internal error in request " + requestId + ": " + e);
        e.printStackTrace(log);
      }
      return error(500, "InternalError", "An internal error has occurred", requestId);
    }
  }

  private record Dispatched(String body, Faults.Outcome fault) {}

  private Dispatched dispatch(WireServer.Request request, String requestId) {
    String method = request.method();
    if (!method.equals("POST") && !method.equals("GET")) {
      throw new Ec2Error(
          "InvalidHttpRequest",
          "The EC2 Query API takes GET or POST, not " + Xml.printable(method) + ".",
          405);
    }
    Map<String, String> params = new LinkedHashMap<>();
    decodeInto(params, request.rawQuery());
    List<String> contentType = request.headers().get("content-type");
    if (request.body().length > 0
        && (contentType == null
            || contentType.get(0).startsWith("application/x-www-form-urlencoded"))) {
      decodeInto(params, new String(request.body(), StandardCharsets.UTF_8));
    }
    checkParameters(params);
    boolean unsigned = !request.headers().containsKey("authorization");
    if (unsigned && "AssumeRoleWithWebIdentity".equals(params.get("Action"))) {
      return new Dispatched(
          sts("AssumeRoleWithWebIdentity", params, null, requestId), Faults.Outcome.NONE);
    }
    SignatureVerifier.Principal who =
        verifier.verify(
            new SignatureVerifier.Received(
                method, request.rawPath(), request.rawQuery(), request.headers(), request.body()));
    if (who.service().equals("sts")) {
      String stsAction = params.get("Action");
      if (stsAction == null || stsAction.isEmpty()) {
        throw new StsError("MissingAction", "The request must contain the parameter Action.", 400);
      }
      return new Dispatched(sts(stsAction, params, who, requestId), Faults.Outcome.NONE);
    }
    String action = params.get("Action");
    if (action == null || action.isEmpty()) {
      throw Ec2Error.badRequest("MissingAction", "The request must contain the parameter Action.");
    }
    ActionTable.Entry entry = actions.get(action);
    if (entry == null) {
      throw Ec2Error.badRequest(
          "InvalidAction", "The action " + action + " is not valid for this web service.");
    }
    if (!params.containsKey("Version")) {
      throw Ec2Error.missingParameter("Version");
    }
    Parameters.check(action, params);
    Faults.Outcome fault = faults.before(who.accountId(), action);
    Instant now = world.now();
    Call call =
        new Call(action, ParamAudit.of(params), who.accountId(), who.region(), requestId, now);
    RegionState state = world.state(call);
    String answer;
    synchronized (state) {
      world.advance(state, now);
      try {
        answer = entry.handler().handle(call);
        if (entry.readOnly()) {
          call.checkDryRun();
        }
      } finally {
        if (!entry.readOnly()) {
          world.changed(state); // kept (with --state) before anything is answered, even an error
        }
      }
    }
    call.checkAllRead();
    return new Dispatched(answer, fault);
  }

  /** An STS error, answered in STS's ErrorResponse document. */
  static final class StsError extends Ec2Error {
    private static final long serialVersionUID = 1L;

    StsError(String code, String message, int status) {
      super(code, message, status);
    }
  }

  private String sts(
      String action,
      Map<String, String> params,
      SignatureVerifier.Principal who,
      String requestId) {
    try {
      return identity.sts(action, params, who, requestId);
    } catch (StsError e) {
      throw e;
    } catch (Ec2Error e) {
      throw new StsError(e.code(), e.getMessage(), e.status());
    }
  }

  /** Instance metadata (IMDSv2) of the instance whose address the request reached. */
  private WireServer.Response metadata(WireServer.Request request, String address) {
    try {
      IdentityServices.Answer a =
          identity.imds(request.method(), request.rawPath(), request.headers(), address);
      return new WireServer.Response(
          a.status(), "text/plain", Map.of(), IdentityServices.utf8(a.body()), false);
    } catch (RuntimeException e) {
      internalErrors.incrementAndGet();
      if (log != null) {
        log.println("ec2-local: internal error answering instance metadata: " + e);
      }
      return new WireServer.Response(
          500, "text/plain", Map.of(), IdentityServices.utf8("internal error"), false);
    }
  }

  /** The SSO portal ({@code /federation/credentials}) and OIDC's token refresh ({@code /token}). */
  private WireServer.Response plain(WireServer.Request request) {
    try {
      if (request.rawPath().equals("/token") && request.method().equals("POST")) {
        String body = identity.createToken(new String(request.body(), StandardCharsets.UTF_8));
        return new WireServer.Response(
            200, "application/json", Map.of(), IdentityServices.utf8(body), false);
      }
      if (!request.rawPath().equals("/federation/credentials") || !request.method().equals("GET")) {
        return new WireServer.Response(
            404,
            "application/json",
            Map.of(),
            IdentityServices.utf8("{\"message\":\"Not found\"}"),
            false);
      }
      List<String> bearer = request.headers().get("x-amz-sso_bearer_token");
      String body =
          identity.roleCredentials(request.rawQuery(), bearer == null ? null : bearer.get(0));
      return new WireServer.Response(
          200, "application/json", Map.of(), IdentityServices.utf8(body), false);
    } catch (Ec2Error e) {
      return new WireServer.Response(
          e.status(),
          "application/json",
          Map.of("x-amzn-ErrorType", e.code()),
          IdentityServices.utf8("{\"message\":\"" + e.getMessage().replace("\"", "'") + "\"}"),
          false);
    } catch (RuntimeException e) {
      internalErrors.incrementAndGet();
      if (log != null) {
        log.println("ec2-local: internal error in the SSO portal: " + e);
      }
      return new WireServer.Response(
          500, "text/plain", Map.of(), IdentityServices.utf8("internal error"), false);
    }
  }

  private static void decodeInto(Map<String, String> params, String raw) {
    try {
      FormCodec.decode(raw).forEach(e -> params.put(e.getKey(), e.getValue()));
    } catch (IllegalArgumentException e) {
      throw Ec2Error.badRequest(
          "MalformedQueryString",
          "The query string or form body is not well-formed URL encoding ("
              + Xml.printable(e.getMessage())
              + ").");
    }
  }

  /**
   * Refuses what no handler should see: too many parameters, list indexes outside 1 to {@link
   * Call#MAX_INDEX} or not written plainly ({@code 01}), and characters that XML 1.0 cannot carry
   * (which would otherwise come back in tags and descriptions and break every later answer for that
   * account and region).
   */
  static void checkParameters(Map<String, String> params) {
    if (params.size() > MAX_PARAMETERS) {
      throw Ec2Error.invalidParameterValue(
          "The request has "
              + params.size()
              + " parameters; at most "
              + MAX_PARAMETERS
              + " are accepted.");
    }
    for (Map.Entry<String, String> p : params.entrySet()) {
      String name = p.getKey();
      int bad = Xml.firstForbidden(name);
      if (bad >= 0) {
        throw Ec2Error.invalidParameterValue(
            "The parameter name "
                + Xml.printable(name)
                + " contains the character U+"
                + String.format("%04X", bad)
                + ", which is not allowed.");
      }
      bad = Xml.firstForbidden(p.getValue());
      if (bad >= 0) {
        throw Ec2Error.invalidParameterValue(
            "Value for parameter "
                + name
                + " contains the character U+"
                + String.format("%04X", bad)
                + ", which is not allowed. Remove control characters.");
      }
      checkIndexes(name);
    }
  }

  private static void checkIndexes(String name) {
    int start = 0;
    while (start <= name.length()) {
      int dot = name.indexOf('.', start);
      int end = dot < 0 ? name.length() : dot;
      if (end > start && isDigits(name, start, end)) {
        boolean ok =
            end - start <= 5
                && name.charAt(start) != '0'
                && Integer.parseInt(name, start, end, 10) >= 1
                && Integer.parseInt(name, start, end, 10) <= Call.MAX_INDEX;
        if (!ok) {
          throw Ec2Error.invalidParameterValue(
              "The parameter "
                  + name
                  + " has the list index "
                  + Xml.printable(name.substring(start, Math.min(end, start + 20)))
                  + "; indexes are written 1 to "
                  + Call.MAX_INDEX
                  + ".");
        }
      }
      if (dot < 0) {
        return;
      }
      start = dot + 1;
    }
  }

  private static boolean isDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
