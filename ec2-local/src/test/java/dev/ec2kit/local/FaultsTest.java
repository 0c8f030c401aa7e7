package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2kit.Ec2;
import dev.ec2kit.RetryPolicy;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --faults}: throttling, 500s, lost answers and latency on purpose, seeded and per action.
 */
class FaultsTest {
  private static final String ALLOCATE = "Action=AllocateAddress&Version=2016-11-15";
  private static final String REGIONS = "Action=DescribeRegions&Version=2016-11-15";

  private static Ec2Local start(String spec) {
    return Ec2Local.builder()
        .port(0)
        .ssh(false)
        .transition(Duration.ZERO)
        .faults(spec)
        .build()
        .start();
  }

  private static HttpResponse<String> send(Ec2Local local, String body) throws Exception {
    return Raw.signed(local, Instant.now(), body);
  }

  @Test
  void throttling_answers_RequestLimitExceeded_for_the_chosen_actions_only() throws Exception {
    try (Ec2Local local = start("throttle=1,actions=AllocateAddress")) {
      HttpResponse<String> r = send(local, ALLOCATE);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(Strict.code(r.body())).isEqualTo("RequestLimitExceeded");
      assertThat(send(local, REGIONS).statusCode()).isEqualTo(200);
      Ec2 ec2 =
          Ec2.builder()
              .identity(local.identity("us-east-1"))
              .retryPolicy(RetryPolicy.none())
              .build();
      assertThat(ec2.addresses().describe()).isEmpty(); // refused before it did anything
    }
  }

  @Test
  void an_injected_error_is_a_500_InternalError_that_does_nothing_and_is_not_counted_as_a_bug()
      throws Exception {
    try (Ec2Local local = start("error=1,actions=AllocateAddress")) {
      HttpResponse<String> r = send(local, ALLOCATE);
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(Strict.code(r.body())).isEqualTo("InternalError");
      assertThat(local.internalErrors()).isZero();
      Ec2 ec2 =
          Ec2.builder()
              .identity(local.identity("us-east-1"))
              .retryPolicy(RetryPolicy.none())
              .build();
      assertThat(ec2.addresses().describe()).isEmpty();
    }
  }

  @Test
  void a_dropped_answer_loses_the_answer_but_not_the_work() throws Exception {
    try (Ec2Local local = start("drop=1,actions=AllocateAddress")) {
      assertThatThrownBy(() -> send(local, ALLOCATE)).isInstanceOf(IOException.class);
      Ec2 ec2 =
          Ec2.builder()
              .identity(local.identity("us-east-1"))
              .retryPolicy(RetryPolicy.none())
              .build();
      assertThat(ec2.addresses().describe()).hasSize(1);
    }
  }

  @Test
  void the_token_bucket_refuses_once_it_is_empty() throws Exception {
    try (Ec2Local local = start("bucket=3/0.01,actions=DescribeRegions")) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        statuses.add(send(local, REGIONS).statusCode());
      }
      assertThat(statuses).containsExactly(200, 200, 200, 503, 503);
    }
  }

  @Test
  void latency_holds_each_answer_back_at_least_its_minimum() throws Exception {
    try (Ec2Local local = start("latency=300,actions=DescribeRegions")) {
      long start = System.nanoTime();
      assertThat(send(local, REGIONS).statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void the_same_seed_injects_the_same_faults_in_the_same_order() throws Exception {
    List<List<Integer>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      try (Ec2Local local = start("seed=11,throttle=0.2,error=0.2")) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          statuses.add(send(local, REGIONS).statusCode());
        }
        runs.add(statuses);
      }
    }
    assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(200, 500, 503);
  }

  @Test
  void a_bad_spec_is_refused_naming_the_part() {
    assertThatThrownBy(() -> Ec2Local.builder().faults("drop=2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'drop=2'")
        .hasMessageContaining("probability");
    assertThatThrownBy(() -> Ec2Local.builder().faults("throttle=0.6,error=0.6"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not exceed 1");
    assertThatThrownBy(() -> Ec2Local.builder().faults("jitter=3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("known parts are");
  }
}
