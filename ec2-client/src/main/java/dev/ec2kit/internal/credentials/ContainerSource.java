package dev.ec2kit.internal.credentials;

import dev.ec2kit.Credentials;
import dev.ec2kit.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Container credentials (ECS, EKS Pod Identity): the agent's endpoint from the environment, checked
 * before the authorization token is sent there.
 */
final class ContainerSource {
  private final Sources sources;

  ContainerSource(Sources sources) {
    this.sources = sources;
  }

  /** Container credentials: the full or relative URI, with the authorization token or its file. */
  Credentials credentials() {
    String full = sources.env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    String relative = sources.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    URI uri;
    if (relative != null) {
      if (!relative.startsWith("/")) {
        throw new IllegalStateException(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must be a path starting with /");
      }
      uri = URI.create("http://169.254.170.2" + relative);
    } else {
      uri = containerUri(full);
    }
    Map<String, String> headers = new HashMap<>();
    String token = sources.env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    String tokenFile = sources.env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    if (tokenFile != null) {
      try {
        token = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalStateException(
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + tokenFile + " cannot be read");
      }
    }
    if (token != null) {
      headers.put("Authorization", token);
    }
    Map<String, Object> doc =
        sources.json(
            new Transport.Request("GET", uri, headers, null, Duration.ofSeconds(2)),
            "the container credentials endpoint");
    return Sources.credentials(
        doc, "AccessKeyId", "SecretAccessKey", "Token", "Expiration", "container (" + uri + ")");
  }

  private static final String CONTAINER_URIS =
      "https, or http to a loopback address (127.0.0.0/8 or [::1]), localhost, or the container"
          + " agent's 169.254.170.2, 169.254.170.23 or [fd00:ec2::23]";

  /**
   * AWS_CONTAINER_CREDENTIALS_FULL_URI, checked as botocore's ContainerMetadataFetcher checks it
   * before sending the authorization token there: https to any host; http only to a loopback IP
   * literal, localhost or the ECS and EKS agents' addresses. Names are compared, never looked up
   * ({@code 127.attacker.example} is a name, not a loopback address).
   */
  static URI containerUri(String full) {
    String variable = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    URI uri;
    try {
      uri = new URI(full);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(
          variable + " is not a URI (" + e.getReason() + "): it must be " + CONTAINER_URIS);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalStateException(
          variable
              + " "
              + uri
              + " is not an http(s) URL with a host: it must be "
              + CONTAINER_URIS);
    }
    if (scheme.equals("http") && !containerHost(host)) {
      throw new IllegalStateException(
          variable
              + " "
              + uri
              + " has host "
              + host
              + ", which is not allowed over http: it must be "
              + CONTAINER_URIS);
    }
    return uri;
  }

  /** Compiled when a container endpoint is checked, not in every process that builds a chain. */
  private static final class Ipv4 {
    static final java.util.regex.Pattern PATTERN =
        java.util.regex.Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  }

  private static boolean containerHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.equals("169.254.170.2") || h.equals("169.254.170.23")) {
      return true;
    }
    if (Ipv4.PATTERN.matcher(h).matches()) {
      for (String octet : h.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      return h.startsWith("127.");
    }
    if (h.indexOf(':') >= 0
        && h.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
      try { // a literal with a colon is parsed, never looked up
        java.net.InetAddress a = java.net.InetAddress.getByName(h);
        return a.isLoopbackAddress() || a.equals(java.net.InetAddress.getByName("fd00:ec2::23"));
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
