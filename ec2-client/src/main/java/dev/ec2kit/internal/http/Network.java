package dev.ec2kit.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The network settings the AWS CLI and SDKs read from the environment: {@code HTTPS_PROXY} / {@code
 * HTTP_PROXY} (either case) with {@code NO_PROXY}, and a CA bundle ({@code AWS_CA_BUNDLE} or the
 * profile's {@code ca_bundle}: PEM certificates trusted besides the JDK's own).
 */
public final class Network {
  /** No proxy, the JDK's trust store. */
  public static final Network DIRECT = new Network(null, null);

  private final ProxySelector proxies;
  private final Path caBundle;
  private volatile SSLContext ssl;

  private Network(ProxySelector proxies, Path caBundle) {
    this.proxies = proxies;
    this.caBundle = caBundle;
  }

  /** From the environment; {@code caBundle} is the profile's {@code ca_bundle}, or null. */
  public static Network from(Map<String, String> env, String caBundle) {
    String https = first(env, "HTTPS_PROXY", "https_proxy");
    String http = first(env, "HTTP_PROXY", "http_proxy");
    String noProxy = first(env, "NO_PROXY", "no_proxy");
    ProxySelector proxies =
        https == null && http == null ? null : new EnvProxies(https, http, noProxy);
    String bundle = first(env, "AWS_CA_BUNDLE");
    if (bundle == null) {
      bundle = caBundle;
    }
    if (bundle != null && !Files.isReadable(Path.of(bundle))) {
      throw new IllegalStateException(
          "the CA bundle " + bundle + " (AWS_CA_BUNDLE or ca_bundle) cannot be read");
    }
    return new Network(proxies, bundle == null ? null : Path.of(bundle));
  }

  /** The proxies to use, or null for none. */
  public ProxySelector proxies() {
    return proxies;
  }

  /**
   * The SSL context trusting the CA bundle as well, or null for the JDK's own; built on first use,
   * so a plain-HTTP endpoint never pays for reading the certificates (about 0.3 s).
   */
  public SSLContext ssl() {
    if (caBundle == null) {
      return null;
    }
    SSLContext c = ssl;
    if (c == null) {
      synchronized (this) {
        c = ssl;
        if (c == null) {
          c = trusting(caBundle);
          ssl = c;
        }
      }
    }
    return c;
  }

  private static String first(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  /** An SSL context trusting the JDK's certificates and those in the PEM file. */
  static SSLContext trusting(Path pem) {
    try {
      TrustManagerFactory defaults =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      defaults.init((KeyStore) null);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (javax.net.ssl.TrustManager tm : defaults.getTrustManagers()) {
        if (tm instanceof javax.net.ssl.X509TrustManager x) {
          for (Certificate c : x.getAcceptedIssuers()) {
            store.setCertificateEntry("jdk-" + n++, c);
          }
        }
      }
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      int added = 0;
      try (InputStream in = Files.newInputStream(pem)) {
        for (Certificate c : cf.generateCertificates(in)) {
          store.setCertificateEntry("bundle-" + added++, c);
        }
      }
      if (added == 0) {
        throw new IllegalStateException("the CA bundle " + pem + " holds no PEM certificate");
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new IllegalStateException(
          "the CA bundle "
              + pem
              + " (AWS_CA_BUNDLE or ca_bundle) cannot be read: "
              + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the CA bundle " + pem + " is not PEM certificates: " + e.getMessage());
    }
  }

  /** HTTPS_PROXY for https, HTTP_PROXY for http, none for hosts NO_PROXY lists. */
  static final class EnvProxies extends ProxySelector {
    private final Proxy https;
    private final Proxy http;
    private final List<String> noProxy = new ArrayList<>();

    EnvProxies(String https, String http, String noProxy) {
      this.https = https == null ? null : proxy(https, "HTTPS_PROXY");
      this.http = http == null ? null : proxy(http, "HTTP_PROXY");
      if (noProxy != null) {
        for (String h : noProxy.split(",")) {
          if (!h.isBlank()) {
            this.noProxy.add(h.strip().toLowerCase(Locale.ROOT));
          }
        }
      }
    }

    private static Proxy proxy(String url, String name) {
      URI u = URI.create(url.contains("://") ? url : "http://" + url);
      if (u.getHost() == null) {
        throw new IllegalStateException(
            name + " '" + url + "' is not a proxy URL such as http://proxy:3128");
      }
      if (u.getUserInfo() != null) {
        throw new IllegalStateException(
            name
                + " carries a user and password, which this toolkit does not send"
                + " to proxies yet: use a proxy that needs none");
      }
      int port = u.getPort() > 0 ? u.getPort() : u.getScheme().equals("https") ? 443 : 80;
      return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(u.getHost(), port));
    }

    boolean bypass(String host) {
      String h = host.toLowerCase(Locale.ROOT);
      for (String n : noProxy) {
        if (n.equals("*")
            || h.equals(n)
            || (n.startsWith(".") ? h.endsWith(n) : h.endsWith("." + n))) {
          return true;
        }
      }
      return false;
    }

    @Override
    public List<Proxy> select(URI uri) {
      Proxy p = "https".equals(uri.getScheme()) ? https : http;
      if (p == null || uri.getHost() == null || bypass(uri.getHost())) {
        return List.of(Proxy.NO_PROXY);
      }
      return List.of(p);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
  }

  /** The proxy for a URI (NO_PROXY when direct). */
  public Proxy proxyFor(URI uri) {
    return proxies == null ? Proxy.NO_PROXY : proxies.select(uri).get(0);
  }
}
