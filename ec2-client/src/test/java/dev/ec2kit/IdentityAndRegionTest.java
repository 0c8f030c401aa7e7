package dev.ec2kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IdentityAndRegionTest {
  private final Identity identity =
      Identity.builder()
          .accessKey("AKIAEXAMPLE")
          .secretAccessKey("very-secret")
          .sessionToken("session-token-value")
          .keyName("aws-us-east")
          .sshUser("ubuntu")
          .sshIdentityFile(Path.of("/home/me/.ssh/aws-us-east.pem"))
          .region(Region.find("us-east"))
          .build();

  @Test
  void to_string_never_shows_the_secret_or_the_token() {
    assertThat(identity.toString())
        .contains("AKIAEXAMPLE", "us-east-1", "aws-us-east", "ubuntu")
        .doesNotContain("very-secret")
        .doesNotContain("session-token-value");
  }

  @Test
  void copy_changes_only_what_is_given_like_copy_ec2_identity() {
    Identity west = identity.copy().region(Region.find("us-west")).keyName("aws-us-west").build();
    assertThat(west.region().name()).isEqualTo("us-west-1");
    assertThat(west.keyName()).contains("aws-us-west");
    assertThat(west.secretAccessKey()).isEqualTo("very-secret");
    assertThat(west.sshUser()).contains("ubuntu");
    assertThat(identity.region().name()).isEqualTo("us-east-1");
  }

  @Test
  void build_names_the_missing_part() {
    assertThatThrownBy(
            () -> Identity.builder().accessKey("a").region(Region.of("us-east-1")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secretAccessKey")
        .hasMessageNotContaining("very-secret");
    assertThatThrownBy(() -> Identity.builder().accessKey("a").secretAccessKey("s").build())
        .hasMessageContaining("region");
  }

  @Test
  void find_region_by_name_prefers_exact_then_first_substring() {
    assertThat(Region.find("us-east").name()).isEqualTo("us-east-1");
    assertThat(Region.find("us-east-2").name()).isEqualTo("us-east-2");
    assertThat(Region.find("EU-WEST").name()).isEqualTo("eu-west-1");
    assertThat(Region.find("us-east").uri()).hasToString("https://ec2.us-east-1.amazonaws.com/");
    assertThat(Region.find("us-east").endpoint()).isEqualTo("ec2.us-east-1.amazonaws.com");
  }

  @Test
  void find_region_by_name_errors_or_returns_empty_when_nothing_matches() {
    assertThatThrownBy(() -> Region.find("mars"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mars")
        .hasMessageContaining("us-east-1");
    assertThat(Region.tryFind("mars")).isEmpty();
  }

  @Test
  void a_region_name_is_lower_case_words_and_digits_joined_by_single_dashes() {
    for (String good : new String[] {"us-east-1", "eu-central-2", "local", "a-1-b"}) {
      assertThat(Region.of(good).name()).isEqualTo(good);
      assertThat(new Region(good, URI.create("http://127.0.0.1:1/")).name()).isEqualTo(good);
    }
    for (String bad :
        new String[] {
          "", "-", "US-east-1", "us-east-1-", "-us-east-1", "us--east-1", "us_east", "é"
        }) {
      assertThatThrownBy(() -> Region.of(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "region name '"
                  + bad
                  + "' is not a region name: use lower-case words and digits joined by '-', such"
                  + " as us-east-1");
      assertThatThrownBy(() -> new Region(bad, URI.create("http://127.0.0.1:1/")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void the_built_in_list_holds_todays_commercial_regions() {
    assertThat(Region.all())
        .extracting(Region::name)
        .contains(
            "us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1", "il-central-1", "mx-central-1")
        .doesNotHaveDuplicates();
    assertThat(Region.of("af-south-1").isOptIn()).isTrue();
    assertThat(Region.of("us-east-1").isOptIn()).isFalse();
  }

  @Test
  void a_region_can_be_served_at_another_endpoint() {
    Region local = Region.of("us-east-1").withUri(URI.create("http://127.0.0.1:4599/"));
    assertThat(local.endpoint()).isEqualTo("127.0.0.1:4599");
    assertThatThrownBy(() -> Region.of("US East"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("us-east-1");
  }
}
