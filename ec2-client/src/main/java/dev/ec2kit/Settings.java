package dev.ec2kit;

import dev.ec2kit.internal.config.IniFile;
import dev.ec2kit.internal.config.SettingsResolver;
import dev.ec2kit.internal.credentials.ProfileFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The shared AWS config file's other settings, read as the AWS CLI reads them: a value of the
 * profile ({@code --profile}, else {@code AWS_PROFILE}, else {@code default}) in {@code
 * AWS_CONFIG_FILE} or {@code ~/.aws/config} under {@code $HOME}.
 *
 * <pre>{@code
 * String output = Settings.profileValue(System.getenv(), null, "output").orElse("json");
 * }</pre>
 */
public final class Settings {
  private Settings() {}

  /**
   * The home directory every setting is read under, as the SDKs find it: {@code $HOME}, else the
   * JVM's {@code user.home}.
   *
   * <pre>{@code
   * Path key = Settings.home(System.getenv()).resolve(".ssh/aws-us-east.pem");
   * }</pre>
   *
   * @param env the environment variables, such as {@code System.getenv()}
   * @return the home directory
   */
  public static Path home(Map<String, String> env) {
    return SettingsResolver.home(env);
  }

  /**
   * The profile's value for {@code key} in the config file.
   *
   * @param env the environment variables to read {@code HOME}, {@code AWS_PROFILE}, {@code
   *     AWS_DEFAULT_PROFILE} and {@code AWS_CONFIG_FILE} from, such as {@code System.getenv()}
   * @param profile the profile named on the command line, or {@code null} (or blank) to take it
   *     from the environment
   * @param key the setting, such as {@code output} or {@code ca_bundle}
   * @return the value, or empty when the file, the profile or the key is missing
   */
  public static Optional<String> profileValue(Map<String, String> env, String profile, String key) {
    String name = profile;
    if (name == null || name.isBlank()) {
      name = env.getOrDefault("AWS_PROFILE", env.getOrDefault("AWS_DEFAULT_PROFILE", "default"));
    }
    Path home = SettingsResolver.home(env);
    String file = env.get("AWS_CONFIG_FILE");
    Path config =
        file == null || file.isBlank()
            ? home.resolve(".aws/config")
            : file.startsWith("~/") ? home.resolve(file.substring(2)) : Path.of(file);
    IniFile ini = IniFile.read(config);
    ProfileFiles files = new ProfileFiles(config, ini.sections(), config, Map.of());
    return Optional.ofNullable(files.config(name).get(key));
  }
}
