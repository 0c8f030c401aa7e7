package dev.ec2kit.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * ModifyVolume, DescribeVolumesModifications and the volume attributes over real HTTP, on a
 * simulated clock: EC2's checks, grow-only sizes, modifying → optimizing → completed with the
 * clock, the 6-hour rate, and the documented filters.
 */
class VolumeModificationsTest {
  private final Sim sim = new Sim(Duration.ofSeconds(2));

  @AfterEach
  void close() {
    sim.close();
  }

  private String call(String action, String params) throws Exception {
    return Raw.signed(
            sim.local,
            sim.clock.instant(),
            "Action=" + action + "&Version=2016-11-15" + (params.isEmpty() ? "" : "&" + params))
        .body();
  }

  private static String text(String body, String element) throws Exception {
    Document d = Strict.xml(body);
    var nodes = d.getElementsByTagName(element);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  private static List<String> all(String body, String element) throws Exception {
    var nodes = Strict.xml(body).getElementsByTagName(element);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }

  /** The volumes DescribeVolumesModifications lists with {@code params}. */
  private List<String> modified(String params) throws Exception {
    return all(call("DescribeVolumesModifications", params), "volumeId");
  }

  /** A volume of {@code size} GiB and {@code type}, available. */
  private String volume(int size, String type) throws Exception {
    String id =
        text(
            call(
                "CreateVolume", "AvailabilityZone=us-east-1a&Size=" + size + "&VolumeType=" + type),
            "volumeId");
    sim.clock.advance(Duration.ofSeconds(2));
    return id;
  }

  private String modify(String id, String params) throws Exception {
    return call("ModifyVolume", "VolumeId=" + id + (params.isEmpty() ? "" : "&" + params));
  }

  @Test
  void sizes_only_grow_and_each_target_is_checked_against_its_type() throws Exception {
    String v = volume(10, "gp3");
    String smaller = modify(v, "Size=5");
    assertThat(Strict.code(smaller)).isEqualTo("InvalidParameterValue");
    assertThat(text(smaller, "Message")).isEqualTo("New size cannot be smaller than existing size");
    assertThat(Strict.code(modify(v, "VolumeType=standard&Size=2000")))
        .isEqualTo("InvalidParameterValue");
    assertThat(Strict.code(modify(v, "VolumeType=st1"))).isEqualTo("InvalidParameterValue");
    assertThat(Strict.code(modify(v, "VolumeType=gp2&Iops=3000")))
        .isEqualTo("InvalidParameterCombination");
    assertThat(Strict.code(modify(v, "VolumeType=gp2&Throughput=200")))
        .isEqualTo("InvalidParameterCombination");
    String ratio = modify(v, "Iops=6000");
    assertThat(Strict.code(ratio)).isEqualTo("InvalidParameterValue");
    assertThat(text(ratio, "Message")).contains("ratio", "500");
    assertThat(text(modify(v, "Throughput=1000"), "Message")).contains("0.250000");
    assertThat(Strict.code(modify(v, "Throughput=2001"))).isEqualTo("InvalidParameterValue");
    assertThat(Strict.code(modify(v, "VolumeType=io1&Iops=1000")))
        .isEqualTo("InvalidParameterValue"); // 50 IOPS per GiB at most
    assertThat(Strict.code(modify(v, "MultiAttachEnabled=true")))
        .isEqualTo("InvalidParameterCombination");
    assertThat(Strict.code(modify(v, "Size=10"))).isEqualTo("InvalidParameterValue");
    assertThat(Strict.code(modify("vol-0123456789abcdef0", "Size=20")))
        .isEqualTo("InvalidVolume.NotFound");
    assertThat(Strict.code(modify("volume", "Size=20"))).isEqualTo("InvalidVolumeID.Malformed");
    assertThat(Strict.code(call("ModifyVolume", "Size=20"))).isEqualTo("MissingParameter");
    assertThat(Strict.code(modify(v, "Size=20&DryRun=true"))).isEqualTo("DryRunOperation");
    assertThat(text(call("DescribeVolumes", "VolumeId.1=" + v), "size")).isEqualTo("10");
    assertThat(Strict.code(call("DescribeVolumesModifications", "VolumeId.1=" + v)))
        .isEqualTo("InvalidVolumeModification.NotFound");
  }

  @Test
  void a_creating_volume_cannot_be_modified() throws Exception {
    String id = text(call("CreateVolume", "AvailabilityZone=us-east-1a&Size=10"), "volumeId");
    assertThat(Strict.code(modify(id, "Size=20"))).isEqualTo("IncorrectState");
  }

  @Test
  void the_volume_takes_its_new_settings_when_the_modification_is_optimizing() throws Exception {
    String v = volume(10, "gp2");
    String started = modify(v, "Size=20&VolumeType=gp3&Iops=4000&Throughput=250");
    assertThat(Strict.code(started)).isNull();
    assertThat(text(started, "modificationState")).isEqualTo("modifying");
    assertThat(text(started, "originalSize")).isEqualTo("10");
    assertThat(text(started, "originalVolumeType")).isEqualTo("gp2");
    assertThat(text(started, "targetSize")).isEqualTo("20");
    assertThat(text(started, "targetVolumeType")).isEqualTo("gp3");
    assertThat(text(started, "targetIops")).isEqualTo("4000");
    assertThat(text(started, "targetThroughput")).isEqualTo("250");
    assertThat(text(started, "progress")).isEqualTo("0");
    assertThat(text(started, "endTime")).isNull();
    assertThat(text(call("DescribeVolumes", "VolumeId.1=" + v), "size")).isEqualTo("10");

    sim.clock.advance(Duration.ofSeconds(3));
    String optimizing = call("DescribeVolumesModifications", "VolumeId.1=" + v);
    assertThat(text(optimizing, "modificationState")).isEqualTo("optimizing");
    assertThat(text(optimizing, "progress")).isEqualTo("75");
    String volume = call("DescribeVolumes", "VolumeId.1=" + v);
    assertThat(text(volume, "size")).isEqualTo("20");
    assertThat(text(volume, "volumeType")).isEqualTo("gp3");
    assertThat(text(volume, "iops")).isEqualTo("4000");
    assertThat(text(volume, "throughput")).isEqualTo("250");

    sim.clock.advance(Duration.ofSeconds(1));
    String done = call("DescribeVolumesModifications", "");
    assertThat(text(done, "modificationState")).isEqualTo("completed");
    assertThat(text(done, "progress")).isEqualTo("100");
    assertThat(text(done, "endTime")).isNotNull();
  }

  @Test
  void a_second_modification_waits_for_the_first_and_six_hours() throws Exception {
    String v = volume(10, "gp3");
    assertThat(Strict.code(modify(v, "Size=20"))).isNull();
    String busy = modify(v, "Size=30");
    assertThat(Strict.code(busy)).isEqualTo("IncorrectModificationState");
    assertThat(text(busy, "Message")).contains(v, "MODIFYING");
    sim.clock.advance(Duration.ofSeconds(2));
    assertThat(text(modify(v, "Size=30"), "Message")).contains("OPTIMIZING");
    sim.clock.advance(Duration.ofSeconds(2));
    String soon = modify(v, "Size=30");
    assertThat(Strict.code(soon)).isEqualTo("VolumeModificationRateExceeded");
    assertThat(text(soon, "Message")).contains("6 hours");
    sim.clock.advance(Duration.ofHours(6).minusSeconds(5));
    assertThat(Strict.code(modify(v, "Size=30"))).isEqualTo("VolumeModificationRateExceeded");
    sim.clock.advance(Duration.ofSeconds(1));
    String later = modify(v, "Size=30");
    assertThat(Strict.code(later)).isNull();
    assertThat(text(later, "originalSize")).isEqualTo("20");
  }

  @Test
  void describe_volumes_modifications_takes_the_documented_filters_and_pages() throws Exception {
    String a = volume(10, "gp3");
    String b = volume(200, "st1");
    modify(a, "Size=50");
    modify(b, "VolumeType=sc1");
    sim.clock.advance(Duration.ofSeconds(4));
    String c = volume(8, "gp2");
    modify(c, "Size=9");
    assertThat(modified("Filter.1.Name=modification-state&Filter.1.Value.1=completed"))
        .containsExactlyInAnyOrder(a, b);
    assertThat(modified("Filter.1.Name=modification-state&Filter.1.Value.1=modifying"))
        .containsExactly(c);
    assertThat(modified("Filter.1.Name=target-size&Filter.1.Value.1=50")).containsExactly(a);
    assertThat(
            modified(
                "Filter.1.Name=original-volume-type&Filter.1.Value.1=st1"
                    + "&Filter.2.Name=target-volume-type&Filter.2.Value.1=sc1"))
        .containsExactly(b);
    assertThat(modified("Filter.1.Name=original-size&Filter.1.Value.1=8&Filter.1.Value.2=10"))
        .containsExactlyInAnyOrder(a, c);
    assertThat(modified("Filter.1.Name=volume-id&Filter.1.Value.1=" + b)).containsExactly(b);
    assertThat(modified("Filter.1.Name=target-iops&Filter.1.Value.1=3000")).containsExactly(a);
    assertThat(modified("Filter.1.Name=start-time&Filter.1.Value.1=*")).hasSize(3);
    assertThat(
            Strict.code(
                call("DescribeVolumesModifications", "Filter.1.Name=size&Filter.1.Value.1=50")))
        .isEqualTo("InvalidParameterValue");

    for (int i = 0; i < 4; i++) {
      modify(volume(1, "gp3"), "Size=2");
    }
    String first = call("DescribeVolumesModifications", "MaxResults=5");
    assertThat(all(first, "volumeId")).hasSize(5);
    String token = text(first, "nextToken");
    assertThat(token).isNotNull();
    String second = call("DescribeVolumesModifications", "MaxResults=5&NextToken=" + token);
    assertThat(all(second, "volumeId")).hasSize(2);
    assertThat(text(second, "nextToken")).isNull();
  }

  @Test
  void auto_enable_io_is_an_attribute_of_the_volume() throws Exception {
    String v = volume(10, "gp3");
    String before = call("DescribeVolumeAttribute", "VolumeId=" + v + "&Attribute=autoEnableIO");
    assertThat(text(before, "volumeId")).isEqualTo(v);
    assertThat(text(before, "value")).isEqualTo("false");
    assertThat(
            Strict.code(
                call("ModifyVolumeAttribute", "VolumeId=" + v + "&AutoEnableIO.Value=true")))
        .isNull();
    assertThat(
            text(
                call("DescribeVolumeAttribute", "VolumeId=" + v + "&Attribute=autoEnableIO"),
                "value"))
        .isEqualTo("true");
    String codes = call("DescribeVolumeAttribute", "VolumeId=" + v + "&Attribute=productCodes");
    assertThat(Strict.code(codes)).isNull();
    assertThat(codes).contains("<productCodes/>");
    assertThat(Strict.code(call("DescribeVolumeAttribute", "VolumeId=" + v + "&Attribute=size")))
        .isEqualTo("InvalidParameterValue");
  }
}
