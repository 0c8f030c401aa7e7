package dev.ec2kit;

/**
 * A VPC's settings that {@link Vpcs#attribute} reads and {@link Vpcs#modifyAttribute} sets, one at
 * a time as EC2 takes them.
 *
 * <pre>{@code
 * ec2.vpcs().modifyAttribute(vpcId, VpcAttribute.DNS_HOSTNAMES, true);
 * boolean on = ec2.vpcs().attribute(vpcId, VpcAttribute.DNS_HOSTNAMES);
 * }</pre>
 */
public enum VpcAttribute {
  /** Whether the Amazon-provided DNS server resolves names in the VPC (on by default). */
  DNS_SUPPORT("enableDnsSupport"),
  /**
   * Whether instances with public addresses get public DNS host names (off but in the default VPC).
   */
  DNS_HOSTNAMES("enableDnsHostnames"),
  /** Whether network address usage metrics are on. */
  NETWORK_ADDRESS_USAGE_METRICS("enableNetworkAddressUsageMetrics");

  private final String apiName;

  VpcAttribute(String apiName) {
    this.apiName = apiName;
  }

  /**
   * The name DescribeVpcAttribute takes, such as {@code enableDnsSupport}.
   *
   * @return the API's name
   */
  public String apiName() {
    return apiName;
  }

  /**
   * The parameter ModifyVpcAttribute takes, such as {@code EnableDnsSupport}.
   *
   * @return the API's parameter
   */
  public String parameter() {
    return Character.toUpperCase(apiName.charAt(0)) + apiName.substring(1);
  }
}
