package dev.ec2kit.internal.credentials;

import java.nio.file.Path;
import java.util.Map;

/**
 * The shared config and credentials files as the SDKs read them: a profile is {@code [NAME]} in
 * credentials and {@code [profile NAME]} in config ({@code [default]} or {@code [profile default]}
 * for the default one); {@code [sso-session NAME]} and {@code [services NAME]} sections too.
 */
public record ProfileFiles(
    Path configPath,
    Map<String, Map<String, String>> config,
    Path credentialsPath,
    Map<String, Map<String, String>> credentials) {

  /** The profile's settings from the config file; credentials-file keys are separate. */
  public Map<String, String> config(String profile) {
    if (profile.equals("default")) {
      Map<String, String> plain = config.get("default");
      Map<String, String> prefixed = config.get("profile default");
      if (plain != null && prefixed != null) {
        java.util.Map<String, String> both = new java.util.HashMap<>(plain);
        both.putAll(prefixed);
        return both;
      }
      return plain != null ? plain : prefixed != null ? prefixed : Map.of();
    }
    return config.getOrDefault("profile " + profile, Map.of());
  }

  public Map<String, String> credentials(String profile) {
    return credentials.getOrDefault(profile, Map.of());
  }

  public boolean has(String profile) {
    return credentials.containsKey(profile)
        || config.containsKey("profile " + profile)
        || (profile.equals("default") && config.containsKey("default"));
  }

  public Map<String, String> ssoSession(String name) {
    return config.getOrDefault("sso-session " + name, Map.of());
  }

  /** A setting of a profile: the credentials file first for keys, else the config file. */
  public String setting(String profile, String key) {
    String v = credentials(profile).get(key);
    return v != null ? v : config(profile).get(key);
  }
}
