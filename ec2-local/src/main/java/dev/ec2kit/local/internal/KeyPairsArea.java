package dev.ec2kit.local.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPair. */
public final class KeyPairsArea {
  /** A key pair of an account in a region: EC2 keeps only the public half. */
  record KeyPairRecord(
      String name,
      String id,
      String type,
      String fingerprint,
      String publicKey,
      Instant created,
      Map<String, String> tags)
      implements java.io.Serializable {}

  private static final Filters<KeyPairRecord> FILTERS =
      new Filters<KeyPairRecord>(
              Map.of(
                  "key-name", k -> List.of(k.name()),
                  "key-pair-id", k -> List.of(k.id()),
                  "fingerprint", k -> List.of(k.fingerprint())))
          .withTags(KeyPairRecord::tags);

  private final World world;

  public KeyPairsArea(World world) {
    this.world = world;
  }

  public void register(ActionTable table) {
    table.write("CreateKeyPair", this::createKeyPair);
    table.write("ImportKeyPair", this::importKeyPair);
    table.read("DescribeKeyPairs", this::describeKeyPairs);
    table.write("DeleteKeyPair", this::deleteKeyPair);
  }

  private static String checkName(Call call) {
    String name = call.required("KeyName");
    if (name.length() > 255 || !name.chars().allMatch(c -> c >= 32 && c < 127)) {
      throw Ec2Error.invalidParameterValue(
          "Value ("
              + name
              + ") for parameter keyName is invalid. Expecting 1 to 255 ASCII characters.");
    }
    return name;
  }

  private String createKeyPair(Call call) {
    String name = checkName(call);
    String type = call.get("KeyType") == null ? "rsa" : call.get("KeyType");
    if (!type.equals("rsa") && !type.equals("ed25519")) {
      throw Ec2Error.invalidParameterValue(
          "Invalid value '" + type + "' for keyType. Expecting rsa or ed25519.");
    }
    String format = call.get("KeyFormat") == null ? "pem" : call.get("KeyFormat");
    if (!format.equals("pem")) {
      throw Ec2Error.invalidParameterValue(
          "The emulator writes private keys as pem only, not " + format + ".");
    }
    RegionState state = world.state(call);
    if (state.keyPairs.containsKey(name)) {
      throw Ec2Error.badRequest(
          "InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
    }
    call.checkDryRun();
    KeyMaterial.Created key = KeyMaterial.create(type); // RSA takes some 100 ms, under the lock
    KeyPairRecord record =
        new KeyPairRecord(
            name,
            ResourceIds.next("key-"),
            type,
            key.fingerprint(),
            key.publicKey(),
            world.now(),
            InstancesArea.tags(call, "key-pair"));
    if (state.keyPairs.putIfAbsent(name, record) != null) {
      throw Ec2Error.badRequest(
          "InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
    }
    Xml x =
        Xml.response(call.action(), call.requestId())
            .leaf("keyName", name)
            .leaf("keyFingerprint", key.fingerprint())
            .leaf("keyMaterial", key.privatePem())
            .leaf("keyPairId", record.id());
    ImagesArea.writeTags(x, record.tags());
    return x.finish();
  }

  private String importKeyPair(Call call) {
    String name = checkName(call);
    String material = call.required("PublicKeyMaterial");
    byte[] decoded;
    try {
      decoded = Base64.getMimeDecoder().decode(material);
    } catch (IllegalArgumentException e) {
      throw Ec2Error.badRequest(
          "InvalidKey.Format", "Key is not in valid OpenSSH public key format");
    }
    KeyMaterial.Imported key = KeyMaterial.read(decoded);
    RegionState state = world.state(call);
    if (state.keyPairs.containsKey(name)) {
      throw Ec2Error.badRequest(
          "InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
    }
    call.checkDryRun();
    KeyPairRecord record =
        new KeyPairRecord(
            name,
            ResourceIds.next("key-"),
            key.type(),
            key.fingerprint(),
            key.publicKey(),
            world.now(),
            InstancesArea.tags(call, "key-pair"));
    state.keyPairs.put(name, record);
    Xml x =
        Xml.response(call.action(), call.requestId())
            .leaf("keyName", name)
            .leaf("keyFingerprint", key.fingerprint())
            .leaf("keyPairId", record.id());
    ImagesArea.writeTags(x, record.tags());
    return x.finish();
  }

  private String describeKeyPairs(Call call) {
    RegionState state = world.state(call);
    List<String> names = call.list("KeyName");
    List<String> ids = call.list("KeyPairId");
    List<KeyPairRecord> result = new ArrayList<>();
    if (names.isEmpty() && ids.isEmpty()) {
      result.addAll(state.keyPairs.values());
    }
    for (String n : names) {
      KeyPairRecord k = state.keyPairs.get(n);
      if (k == null) {
        throw Ec2Error.badRequest(
            "InvalidKeyPair.NotFound", "The key pair '" + n + "' does not exist");
      }
      result.add(k);
    }
    Map<String, KeyPairRecord> byId = new LinkedHashMap<>();
    state.keyPairs.values().forEach(k -> byId.put(k.id(), k));
    for (String id : ids) {
      KeyPairRecord k = byId.get(id);
      if (k == null) {
        throw Ec2Error.badRequest(
            "InvalidKeyPair.NotFound", "The key pair ID '" + id + "' does not exist");
      }
      result.add(k);
    }
    result = FILTERS.apply(call.filters(), result);
    Xml x = Xml.response(call.action(), call.requestId()).start("keySet");
    for (KeyPairRecord k : result) {
      x.start("item")
          .leaf("keyPairId", k.id())
          .leaf("keyName", k.name())
          .leaf("keyFingerprint", k.fingerprint())
          .leaf("keyType", k.type())
          .leaf("createTime", Xml.time(k.created()));
      if ("true".equals(call.get("IncludePublicKey"))) {
        x.leaf("publicKey", k.publicKey());
      }
      ImagesArea.writeTags(x, k.tags());
      x.end();
    }
    return x.finish();
  }

  private String deleteKeyPair(Call call) {
    RegionState state = world.state(call);
    String name = call.get("KeyName");
    String id = call.get("KeyPairId");
    if (name == null && id == null) {
      throw Ec2Error.missingParameter("KeyName");
    }
    call.checkDryRun();
    // As on EC2, deleting a key pair that does not exist succeeds.
    if (name != null) {
      state.keyPairs.remove(name);
    } else {
      state.keyPairs.values().removeIf(k -> k.id().equals(id));
    }
    return Xml.response(call.action(), call.requestId()).leaf("return", true).finish();
  }
}
