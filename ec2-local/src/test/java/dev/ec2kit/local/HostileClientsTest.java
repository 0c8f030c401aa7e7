package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ec2kit.Ec2;
import dev.ec2kit.Ec2Exception;
import dev.ec2kit.ImageQuery;
import dev.ec2kit.Instance;
import dev.ec2kit.RetryPolicy;
import dev.ec2kit.RunOptions;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The emulator tried as a hostile or broken client would: slow and lying connections, control
 * characters, huge indexes, malformed encodings and a fuzzer. It must answer each with a clean EC2
 * error, never a 500, never XML a client cannot read, and keep serving a well-behaved client.
 */
class HostileClientsTest {
  private static Ec2Local local;
  private static Ec2 ec2;

  @BeforeAll
  static void start() {
    local =
        Ec2Local.builder()
            .port(0)
            .transition(Duration.ZERO)
            .ssh(false)
            .requestTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
            .build()
            .start();
    ec2 =
        Ec2.builder().identity(local.identity("us-east-1")).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterAll
  static void stop() {
    long errors = local.internalErrors();
    local.close();
    assertThat(errors).as("500 InternalError answers").isZero();
  }

  private static String form(String... pairs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private static HttpResponse<String> send(String body) throws Exception {
    return Raw.signed(local, Instant.now(), body);
  }

  @Test
  void fifty_slow_clients_do_not_stop_service() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        Socket s = new Socket(local.endpoint().getHost(), local.port());
        s.getOutputStream()
            .write(
                ("POST / HTTP/1.1\r\nHost: localhost\r\nX-Slow-" + i + ": ")
                    .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      assertTimeoutPreemptively(
          Duration.ofSeconds(1), () -> assertThat(ec2.regions().describe()).isNotEmpty());
      // and each slow one is cut off with EC2's error once its head is overdue
      String answer = Strict.readAll(slow.get(0), 10_000);
      assertThat(answer).startsWith("HTTP/1.1 400");
      assertThat(Strict.code(Strict.body(answer))).isEqualTo("RequestTimeout");
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void a_content_length_that_lies_is_answered_400_after_the_timeout() throws Exception {
    byte[] body =
        form("Action", "DescribeRegions", "Version", "2016-11-15").getBytes(StandardCharsets.UTF_8);
    try (Socket s = Strict.partial(local, body, body.length, body.length + 100)) {
      String answer = Strict.readAll(s, 10_000);
      assertThat(answer).startsWith("HTTP/1.1 400");
      assertThat(Strict.code(Strict.body(answer))).isEqualTo("RequestTimeout");
    }
  }

  @Test
  void a_body_cut_short_by_a_half_close_is_answered_400_at_once() throws Exception {
    byte[] body =
        form("Action", "DescribeRegions", "Version", "2016-11-15").getBytes(StandardCharsets.UTF_8);
    try (Socket s = Strict.partial(local, body, 10, body.length)) {
      s.shutdownOutput();
      String answer = Strict.readAll(s, 10_000);
      assertThat(answer).startsWith("HTTP/1.1 400");
      assertThat(Strict.code(Strict.body(answer))).isEqualTo("IncompleteBody");
    }
  }

  @Test
  void a_control_character_in_a_description_is_refused_and_later_answers_stay_readable()
      throws Exception {
    HttpResponse<String> r =
        send(
            form(
                "Action",
                "CreateSecurityGroup",
                "Version",
                "2016-11-15",
                "GroupName",
                "ctl",
                "GroupDescription",
                "bad\u0001desc"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Strict.code(r.body())).isEqualTo("InvalidParameterValue");
    assertThat(Strict.xml(r.body()).getElementsByTagName("Message").item(0).getTextContent())
        .contains("GroupDescription")
        .contains("U+0001");
    // the same through a tag, on a resource that is otherwise fine
    r =
        send(
            form(
                "Action",
                "CreateSecurityGroup",
                "Version",
                "2016-11-15",
                "GroupName",
                "ctl",
                "GroupDescription",
                "fine",
                "TagSpecification.1.ResourceType",
                "security-group",
                "TagSpecification.1.Tag.1.Key",
                "k",
                "TagSpecification.1.Tag.1.Value",
                "v\u001b[31m"));
    assertThat(Strict.code(r.body())).isEqualTo("InvalidParameterValue");
    assertThat(ec2.securityGroups().describe()).noneMatch(g -> g.groupName().equals("ctl"));
    Strict.xml(send(form("Action", "DescribeSecurityGroups", "Version", "2016-11-15")).body());
  }

  @Test
  void a_control_character_in_the_action_gets_a_well_formed_error() throws Exception {
    HttpResponse<String> r = send("Action=%01Bad&Version=2016-11-15");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Strict.code(r.body())).isEqualTo("InvalidParameterValue");
  }

  /**
   * Every class of code point, each as percent-encoded UTF-8 (a lone surrogate as its raw bytes).
   */
  private static final List<String> CODE_POINTS =
      List.of(
          "%00",
          "%01",
          "%09",
          "%0A",
          "%0D",
          "%1F",
          "%7F",
          "%C2%85",
          "%C2%9F",
          "%C2%A0",
          "%C3%A9",
          "%E2%80%A8",
          "%ED%9F%BF",
          "%EE%80%80",
          "%EF%BF%BD",
          "%EF%BF%BE",
          "%EF%BF%BF",
          "%F0%9F%98%80",
          "%ED%A0%80",
          "%FF",
          "%C0%80");

  @Test
  void
      every_code_point_class_through_tags_descriptions_key_names_and_actions_gives_well_formed_answers()
          throws Exception {
    int n = 0;
    for (String c : CODE_POINTS) {
      n++;
      List<String> bodies =
          List.of(
              "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=cp"
                  + n
                  + "&GroupDescription=a"
                  + c
                  + "b",
              "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=tag"
                  + n
                  + "&GroupDescription=fine"
                  + "&TagSpecification.1.ResourceType=security-group&TagSpecification.1.Tag.1.Key=k"
                  + c
                  + "&TagSpecification.1.Tag.1.Value=v"
                  + c,
              "Action=CreateKeyPair&Version=2016-11-15&KeyName=key" + n + c,
              "Action=Describe" + c + "Regions&Version=2016-11-15");
      for (String body : bodies) {
        HttpResponse<String> r = send(body);
        assertThat(r.statusCode()).as(body).isIn(200, 400);
        String code = Strict.code(r.body());
        assertThat(code == null ? "ok" : code)
            .as(body)
            .isIn("ok", "InvalidParameterValue", "InvalidAction", "InvalidKeyPair.Duplicate");
      }
    }
    for (String read : List.of("DescribeSecurityGroups", "DescribeKeyPairs", "DescribeTags")) {
      HttpResponse<String> r = send("Action=" + read + "&Version=2016-11-15");
      Strict.xml(r.body()); // every answer since still parses, whatever was accepted
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Action=DescribeInstances&Version=2016-11-15&InstanceId.99999999999=i-1",
        "Action=DescribeInstances&Version=2016-11-15&Filter.99999999999.Name=x",
        "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=instance-id&Filter.1.Value.0=x",
        "Action=DescribeRegions&Version=2016-11-15&x=%zz",
        "Action=CreateVolume&Version=2016-11-15&AvailabilityZone=us-east-1a&Size=1&VolumeType=io1&Iops=abc",
        "Action=CreateVolume&Version=2016-11-15&AvailabilityZone=us-east-1a&Size=99999999999999999999",
        "Action=DescribeInstances&Version=2016-11-15&MaxResults=2147483648",
        "Action=DescribeInstances&Version=2016-11-15&NextToken=b2Zmc2V0Oi0x",
        "Action=AuthorizeSecurityGroupIngress&Version=2016-11-15&GroupName=default&IpPermissions.1.IpProtocol=tcp"
            + "&IpPermissions.1.FromPort=99999999999&IpPermissions.1.ToPort=1&IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0/0",
        "Action=RunInstances&Version=2016-11-15&ImageId=ami-0123456789abcdef0&MinCount=1&MaxCount=1&UserData=!!!notb64",
        "Action=RunInstances&Version=2016-11-15&ImageId=ami-0123456789abcdef0&MinCount=x&MaxCount=1",
        "Action=DescribeInstances&Version=2016-11-15&DryRun=maybe",
      })
  void client_mistakes_are_400_with_an_ec2_code_never_500(String body) throws Exception {
    HttpResponse<String> r = send(body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(Strict.code(r.body())).isIn("InvalidParameterValue", "MalformedQueryString");
  }

  @Test
  void user_data_that_is_not_base64_is_refused_naming_it() {
    String ami =
        ec2.images()
            .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
            .get(0)
            .imageId();
    String body =
        form(
            "Action",
            "RunInstances",
            "Version",
            "2016-11-15",
            "ImageId",
            ami,
            "MinCount",
            "1",
            "MaxCount",
            "1",
            "UserData",
            "!!!notb64");
    assertThat(sendQuietly(body)).contains("InvalidParameterValue").contains("UserData");
    assertThat(ec2.instances().describe()).isEmpty();
  }

  private static String sendQuietly(String body) {
    try {
      return send(body).body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void a_terminated_instance_frees_its_group_without_any_other_call_first() {
    try (Sim sim = new Sim(Duration.ofSeconds(3))) {
      String ami =
          sim.ec2
              .images()
              .describe(ImageQuery.builder().filter("name", "al2023-ami-*-x86_64").build())
              .get(0)
              .imageId();
      sim.ec2.securityGroups().create("web", "web servers");
      List<Instance> launched =
          sim.ec2.instances().run(ami, 1, 1, RunOptions.builder().securityGroup("web").build());
      sim.clock.advance(Duration.ofSeconds(5));
      sim.ec2.instances().terminate(launched);
      assertThatThrownBy(() -> sim.ec2.securityGroups().delete("web"))
          .isInstanceOfSatisfying(
              Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("DependencyViolation"));
      sim.clock.advance(
          Duration.ofSeconds(5)); // past shutting-down; no DescribeInstances in between
      sim.ec2.securityGroups().delete("web");
      assertThat(sim.local.internalErrors()).isZero();
    }
  }

  /**
   * A seeded fuzzer: random actions, parameter names and values (indexes huge and negative, every
   * code point class, broken percent-encodings, lying lengths), while a well-behaved client keeps
   * asking. Every answer parses strictly and carries a Code or is a success; no 500.
   */
  @Test
  void a_thousand_fuzzed_requests_get_clean_answers_and_a_good_client_is_served_throughout()
      throws Exception {
    Random random = new Random(20261125L);
    String[] actions = {
      "DescribeInstances",
      "RunInstances",
      "CreateVolume",
      "CreateSecurityGroup",
      "CreateTags",
      "AuthorizeSecurityGroupIngress",
      "DescribeImages",
      "CreateKeyPair",
      "ImportKeyPair",
      "AttachVolume",
      "DeleteSecurityGroup",
      "AllocateAddress",
      "AssociateAddress",
      "DescribeVolumes",
      "CopyImage",
      "\u0001x",
      "",
      "TerminateInstances",
      "RegisterImage",
      "GetConsoleOutput",
      "DescribeSnapshots",
      "CreateSnapshot"
    };
    String[] names = {
      "InstanceId.1",
      "InstanceId.99999999999",
      "Filter.1.Name",
      "Filter.1.Value.1",
      "MaxResults",
      "NextToken",
      "MinCount",
      "MaxCount",
      "ImageId",
      "GroupName",
      "GroupDescription",
      "Size",
      "Iops",
      "VolumeType",
      "AvailabilityZone",
      "KeyName",
      "PublicKeyMaterial",
      "UserData",
      "DryRun",
      "Description",
      "Device",
      "IpPermissions.1.FromPort",
      "IpPermissions.1.IpProtocol",
      "IpPermissions.1.IpRanges.1.CidrIp",
      "TagSpecification.1.ResourceType",
      "TagSpecification.1.Tag.1.Key",
      "TagSpecification.1.Tag.1.Value",
      "BlockDeviceMapping.1.Ebs.VolumeSize",
      "BlockDeviceMapping.1.DeviceName",
      "SourceRegion",
      "Name",
      "x.0.y",
      "Filter.-1.Name",
      "Filter.00001.Name",
      "InstanceId.100001"
    };
    String[] values = {
      "",
      "1",
      "-1",
      "0",
      "2147483648",
      "99999999999999999999",
      "abc",
      "true",
      "maybe",
      "i-0123456789abcdef0",
      "ami-0123456789abcdef0",
      "us-east-1a",
      "gp3",
      "io2",
      "/dev/sdf",
      "0.0.0.0/0",
      "tcp",
      "300.1.1.1/99",
      "%zz",
      "%",
      "%ED%A0%80",
      "%EF%BF%BE",
      "%00",
      "%0D%0A",
      "%1B%5B31m",
      "%F0%9F%98%80",
      "%C3%A9t%C3%A9",
      "!!!notb64",
      "aGVsbG8=",
      "ssh-rsa AAAA",
      "\u0085",
      "\u2028",
      "\uFFFD",
      "x".repeat(300),
      "offset:-5"
    };
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger goodAnswers = new AtomicInteger();
    List<Throwable> goodFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread good =
        new Thread(
            () -> {
              while (!stop.get()) {
                try {
                  ec2.regions().describe();
                  goodAnswers.incrementAndGet();
                } catch (RuntimeException e) {
                  goodFailures.add(e);
                }
              }
            });
    good.start();
    try {
      for (int i = 0; i < 1000; i++) {
        StringBuilder body =
            new StringBuilder("Version=2016-11-15&Action=")
                .append(
                    URLEncoder.encode(
                        actions[random.nextInt(actions.length)], StandardCharsets.UTF_8));
        int n = random.nextInt(8);
        for (int p = 0; p < n; p++) {
          String value = values[random.nextInt(values.length)];
          body.append('&')
              .append(
                  URLEncoder.encode(names[random.nextInt(names.length)], StandardCharsets.UTF_8))
              .append('=')
              .append(
                  value.startsWith("%") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(20) == 0) {
          bytes[random.nextInt(bytes.length)] =
              (byte) random.nextInt(256); // a raw byte, not even UTF-8
        }
        String answer;
        if (random.nextInt(25) == 0) {
          try (Socket s =
              Strict.partial(local, bytes, random.nextInt(bytes.length), bytes.length)) {
            s.shutdownOutput();
            answer = Strict.body(Strict.readAll(s, 10_000));
          }
        } else {
          HttpResponse<String> r = Raw.signed(local, Instant.now(), bytes, "us-east-1");
          assertThat(r.statusCode()).as(body.toString()).isNotEqualTo(500);
          answer = r.body();
        }
        String code = Strict.code(answer);
        assertThat(code == null ? answer : code).as(body.toString()).isNotEqualTo("InternalError");
      }
    } finally {
      stop.set(true);
      good.join();
    }
    assertThat(goodFailures).isEmpty();
    assertThat(goodAnswers.get()).isPositive();
    assertThat(local.internalErrors()).isZero();
  }

  @Test
  void a_connection_past_the_limit_is_answered_503_not_left_waiting() throws Exception {
    try (Ec2Local small = Ec2Local.builder().port(0).ssh(false).maxConnections(2).build().start()) {
      try (Socket a = new Socket("127.0.0.1", small.port());
          Socket b = new Socket("127.0.0.1", small.port())) {
        OutputStream out = a.getOutputStream();
        out.write("POST".getBytes(StandardCharsets.US_ASCII));
        b.getOutputStream().write("POST".getBytes(StandardCharsets.US_ASCII));
        // one acceptor takes connections in order: a and b hold both places before c arrives
        try (Socket c = new Socket("127.0.0.1", small.port())) {
          String answer = Strict.readAll(c, 5_000);
          assertThat(answer).startsWith("HTTP/1.1 503");
          assertThat(Strict.code(Strict.body(answer))).isEqualTo("Unavailable");
        }
      }
    }
  }
}
