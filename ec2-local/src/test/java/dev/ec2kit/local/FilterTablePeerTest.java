package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2kit.internal.credentials.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * botocore (pyenv's {@code python3}, botocore 1.43: the model the emulator follows) against the
 * emulator: every filter name its model documents for every Describe the emulator answers really
 * filters. With one of each kind of resource made (an instance with its key, group, interface,
 * volume, snapshot, image, Elastic IP, NAT gateway, route table, launch template, volume
 * modification), each name is tried with the value that resource's own Describe answer shows for it
 * (which must find it) and with one it does not show (which must not); where the answer shows
 * nothing for the field, even {@code *} finds nothing. A name the model does not document is
 * refused with InvalidParameterValue. One python process for all of them.
 */
@Order(6)
@Emulated
class FilterTablePeerTest {
  @Test
  @SuppressWarnings("unchecked")
  void every_documented_filter_finds_by_the_value_the_answer_shows_and_only_by_it(Ec2Local local)
      throws Exception {
    Map<String, Object> out =
        Json.object(BotocorePeerTest.run(local, "/botocore_filter_values.py", "python3"));
    // every Describe whose model has filters is tried, not a chosen few
    assertThat((List<Object>) out.get("operations"))
        .containsExactlyInAnyOrderElementsOf(FilterModelTest.documented().keySet());
    assertThat((List<Object>) out.get("failures")).isEmpty();
    int absent =
        ((Map<String, Object>) out.get("absent"))
            .values().stream().mapToInt(v -> ((List<Object>) v).size()).sum();
    long tried = ((Number) out.get("tried")).longValue();
    assertThat(tried).isGreaterThan(500);
    // most names are tried with a value shown: only what the emulator has not got matches nothing
    assertThat(tried - absent).as(out.get("absent").toString()).isGreaterThan(380);
  }
}
