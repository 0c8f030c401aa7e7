package dev.ec2kit.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The suites' check that no parameter is silently ignored (the poms set EC2KIT_LOCAL_PARAM_AUDIT):
 * a parameter a handler never read is refused naming it; read through any of Call's readers, or
 * refused by a check over {@code names()}, it passes.
 */
class ParamAuditTest {
  private static Call call(String... pairs) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("Action", "CreateRouteTable");
    p.put("Version", "2016-11-15");
    for (int i = 0; i < pairs.length; i += 2) {
      p.put(pairs[i], pairs[i + 1]);
    }
    return new Call(
        "CreateRouteTable", ParamAudit.of(p), "123456789012", "us-east-1", "r", Instant.EPOCH);
  }

  @Test
  void the_suites_run_with_the_audit_on() {
    assertThat(System.getenv("EC2KIT_LOCAL_PARAM_AUDIT")).isEqualTo("fail");
  }

  @Test
  void a_parameter_no_reader_touched_is_refused_naming_it() {
    Call c = call("VpcId", "vpc-1", "ClientToken", "t", "TagSpecification.1.ResourceType", "x");
    c.required("VpcId");
    c.fingerprint(); // compares, reads nothing
    assertThat(c.names()).hasSize(5);
    assertThatThrownBy(c::checkAllRead)
        .isInstanceOfSatisfying(
            Ec2Error.class,
            e -> {
              assertThat(e.code()).isEqualTo("UnknownParameter");
              assertThat(e.getMessage())
                  .contains("[ClientToken, TagSpecification.1.ResourceType]")
                  .contains("CreateRouteTable");
            });
  }

  @Test
  void every_reader_counts_as_reading() {
    Call c =
        call(
            "VpcId", "vpc-1",
            "GroupId.1", "sg-1",
            "GroupId.2", "sg-2",
            "Filter.1.Name", "n",
            "Filter.1.Value.1", "v",
            "TagSpecification.1.ResourceType", "route-table",
            "DryRun", "false");
    c.nonEmpty("VpcId");
    c.list("GroupId");
    c.filters();
    c.withPrefix("TagSpecification.");
    c.checkDryRun();
    c.checkAllRead();
    Call whole = call("Anything", "x");
    whole.params();
    whole.checkAllRead();
  }
}
