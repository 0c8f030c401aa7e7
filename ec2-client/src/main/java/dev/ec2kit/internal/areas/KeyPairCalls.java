package dev.ec2kit.internal.areas;

import dev.ec2kit.Identity;
import dev.ec2kit.KeyPair;
import dev.ec2kit.KeyType;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import dev.ec2kit.internal.xml.XmlNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPair. */
public final class KeyPairCalls {
  private final QueryClient query;

  public KeyPairCalls(QueryClient query) {
    this.query = query;
  }

  public KeyPair create(Identity identity, String name, KeyType type) {
    // Not repeated blindly: a retry after a lost answer would meet InvalidKeyPair.Duplicate, and
    // the private key of the first attempt would be gone.
    XmlNode doc =
        query.call(
            identity,
            "CreateKeyPair",
            new Params().put("KeyName", name).put("KeyType", type.apiName()),
            Repeat.ONCE);
    KeyPair k = keyPair(doc, doc.text("keyMaterial"));
    // EC2's CreateKeyPair answer leaves the type out; it is the one asked for.
    return new KeyPair(
        k.keyName(),
        k.keyPairId(),
        k.fingerprint(),
        type.apiName(),
        k.createTime(),
        k.keyMaterial(),
        k.tags());
  }

  public KeyPair importKey(Identity identity, String name, String publicKey) {
    String material =
        Base64.getEncoder().encodeToString(publicKey.getBytes(StandardCharsets.UTF_8));
    XmlNode doc =
        query.call(
            identity,
            "ImportKeyPair",
            new Params().put("KeyName", name).put("PublicKeyMaterial", material),
            Repeat.ONCE);
    return keyPair(doc, null);
  }

  public List<KeyPair> describe(Identity identity, List<String> names) {
    XmlNode doc =
        query.call(identity, "DescribeKeyPairs", new Params().list("KeyName", names), Repeat.SAFE);
    List<KeyPair> out = new ArrayList<>();
    for (XmlNode item : doc.items("keySet")) {
      out.add(keyPair(item, null));
    }
    return out;
  }

  public void delete(Identity identity, String name) {
    query.call(identity, "DeleteKeyPair", new Params().put("KeyName", name), Repeat.ONCE);
  }

  private static KeyPair keyPair(XmlNode node, String material) {
    return new KeyPair(
        node.required("keyName"),
        node.text("keyPairId"),
        node.text("keyFingerprint"),
        node.text("keyType"),
        node.instant("createTime"),
        material,
        Parse.tags(node));
  }
}
