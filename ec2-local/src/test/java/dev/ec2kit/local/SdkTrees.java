package dev.ec2kit.local;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Request;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The AWS SDK for Java v2 driven by the same trees as the generic call: a request built from a tree
 * through the SDK's own field table ({@code sdkFields()}), and an answer turned back into a tree,
 * so the two can be compared for any operation.
 */
final class SdkTrees {
  /**
   * The SDK's method of each operation, by its lower-cased name (EnableVolumeIO: enableVolumeIO).
   */
  private static final Map<String, Method> METHODS = new HashMap<>();

  static {
    for (Method m : Ec2Client.class.getMethods()) {
      if (m.getParameterCount() == 1
          && Ec2Request.class.isAssignableFrom(m.getParameterTypes()[0])) {
        METHODS.put(m.getName().toLowerCase(Locale.ROOT), m);
      }
    }
  }

  /** Members the SDK renames from the model's names (Image's {@code Public}, a Java keyword). */
  private static final Map<String, String> RENAMED = Map.of("PublicLaunchPermissions", "Public");

  private SdkTrees() {}

  /**
   * Calls {@code operation} on {@code sdk} with the request {@code params} describe.
   *
   * @throws RuntimeException what the SDK threw (unwrapped)
   */
  static SdkPojo call(Ec2Client sdk, String operation, Map<String, ?> params) {
    Method call = METHODS.get(operation.toLowerCase(Locale.ROOT));
    if (call == null) {
      throw new AssertionError("the SDK has no method for " + operation);
    }
    try {
      Object builder = call.getParameterTypes()[0].getMethod("builder").invoke(null);
      fill((SdkPojo) builder, params);
      return (SdkPojo) call.invoke(sdk, ((SdkBuilder<?, ?>) builder).build());
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssertionError(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static void fill(SdkPojo builder, Map<?, ?> values) {
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    builder.sdkFields().forEach(f -> fields.put(f.memberName(), f));
    values.forEach(
        (k, v) -> {
          SdkField<?> f = fields.get(k);
          if (f == null) {
            throw new AssertionError("the SDK has no member " + k + " in " + fields.keySet());
          }
          f.set(builder, sdkValue(f, v));
        });
  }

  private static Object sdkValue(SdkField<?> f, Object v) {
    if (v instanceof Map<?, ?> m) {
      SdkPojo nested = f.constructor().get();
      fill(nested, m);
      return ((SdkBuilder<?, ?>) nested).build();
    }
    if (v instanceof List<?> l) {
      SdkField<?> item = f.getTrait(ListTrait.class).memberFieldInfo();
      return l.stream().map(o -> sdkValue(item, o)).toList();
    }
    if (v instanceof byte[] b) {
      return SdkBytes.fromByteArray(b);
    }
    return v;
  }

  /**
   * An SDK answer as a tree: members by their model names, lists the SDK made up for absent members
   * left out, bytes (on both sides, see {@link #comparable}) as base64.
   */
  static Map<String, Object> tree(SdkPojo pojo) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (SdkField<?> f : pojo.sdkFields()) {
      Object v = f.getValueOrDefault(pojo);
      if (v != null && !(v instanceof SdkAutoConstructList<?>)) {
        out.put(RENAMED.getOrDefault(f.memberName(), f.memberName()), treeValue(f, v));
      }
    }
    return out;
  }

  private static Object treeValue(SdkField<?> f, Object v) {
    if (v instanceof SdkPojo p) {
      return tree(p);
    }
    if (v instanceof List<?> l) {
      SdkField<?> item = f.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> out = new ArrayList<>();
      l.forEach(o -> out.add(treeValue(item, o)));
      return out;
    }
    if (v instanceof SdkBytes b) {
      return Base64.getEncoder().encodeToString(b.asByteArray());
    }
    return v;
  }

  /** Our answer with bytes as base64, to compare with {@link #tree}. */
  static Object comparable(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put((String) k, comparable(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(SdkTrees::comparable).toList();
    }
    if (v instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    }
    return v;
  }
}
