package dev.ec2kit.internal.areas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ec2kit.Ec2;
import dev.ec2kit.internal.http.LoopbackServer;
import dev.ec2kit.internal.xml.XmlNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A describe follows nextToken to the end, and stops on a server that has no end. */
class PagesTest {
  private static Ec2 client(LoopbackServer server) {
    return Ec2.builder().identity(server.identity()).build();
  }

  private static String page(String token) {
    return "<DescribeVolumesResponse><requestId>r</requestId><volumeSet/>"
        + (token == null ? "" : "<nextToken>" + token + "</nextToken>")
        + "</DescribeVolumesResponse>";
  }

  @Test
  void a_server_answering_empty_pages_with_fresh_tokens_for_ever_is_stopped() throws Exception {
    AtomicInteger n = new AtomicInteger();
    try (LoopbackServer server =
        new LoopbackServer(ex -> ex.answer(200, "text/xml", page("t" + n.incrementAndGet())))) {
      Ec2 ec2 = client(server);
      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () ->
              assertThatThrownBy(ec2.volumes()::describe)
                  .isInstanceOf(XmlNode.MalformedAnswerException.class)
                  .hasMessageContaining("DescribeVolumes at " + server.uri("/"))
                  .hasMessageContaining("100 empty pages in a row"));
      assertThat(server.requests()).isEqualTo(Pages.MAX_EMPTY_PAGES);
    }
  }

  @Test
  void a_token_given_twice_is_refused_and_empty_pages_that_end_are_fine() throws Exception {
    AtomicInteger n = new AtomicInteger();
    try (LoopbackServer looping =
            new LoopbackServer(
                ex -> ex.answer(200, "text/xml", page(n.incrementAndGet() % 2 == 0 ? "a" : "b")));
        LoopbackServer ending =
            new LoopbackServer(
                ex ->
                    ex.answer(
                        200,
                        "text/xml",
                        page(
                            ex.body().length > 0 && new String(ex.body()).contains("NextToken=t5")
                                ? null
                                : "t" + (n.incrementAndGet() + 1))))) {
      assertThatThrownBy(client(looping).volumes()::describe)
          .isInstanceOf(XmlNode.MalformedAnswerException.class)
          .hasMessageContaining("the same nextToken twice");
      n.set(0);
      assertThat(client(ending).volumes().describe()).isEmpty();
      assertThat(ending.requests()).isEqualTo(5);
    }
  }
}
