// Which IP addresses a calendar URL may not reach: anything that is not a
// public unicast address (loopback, private, link-local, CGNAT, unique-local,
// multicast, documentation and reserved ranges). A connection URL is typed in
// by a user, so without this a feed URL could read Convene's own network.
// IPv6 addresses that carry an IPv4 one (mapped, compatible, NAT64) are judged
// by the IPv4 address inside.
import { BlockList, isIPv4, isIPv6 } from "node:net";

const IPV4_RANGES: Array<[string, number]> = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // CGNAT (RFC 6598)
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata endpoints
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // TEST-NET-1
  ["192.88.99.0", 24], // 6to4 relay anycast (deprecated)
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // TEST-NET-2
  ["203.0.113.0", 24], // TEST-NET-3
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and 255.255.255.255
];

const IPV6_RANGES: Array<[string, number]> = [
  ["::", 128], // unspecified
  ["::1", 128],
  ["100::", 64], // discard-only
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed internally by some)
  ["ff00::", 8], // multicast
];

const blocked = new BlockList();
for (const [network, prefix] of IPV4_RANGES) blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of IPV6_RANGES) blocked.addSubnet(network, prefix, "ipv6");

/** True when the address is not a public unicast one; anything that is not an IP address at all is refused too. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return blocked.check(bare, "ipv4");
  if (!isIPv6(bare)) return true;
  const embedded = embeddedIpv4(bare);
  if (embedded !== null) return blocked.check(embedded, "ipv4");
  return blocked.check(bare, "ipv6");
}

/**
 * The IPv4 address inside ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible),
 * 64:ff9b::a.b.c.d (NAT64) or 2002:AABB:CCDD:: (6to4), else null.
 */
function embeddedIpv4(ipv6: string): string | null {
  const groups = expandIpv6(ipv6);
  const high = groups.slice(0, 6);
  const isMapped = high.slice(0, 5).every((group) => group === 0) && high[5] === 0xffff;
  const isCompatible = high.every((group) => group === 0) && (groups[6] !== 0 || groups[7]! > 1);
  const isNat64 = high[0] === 0x64 && high[1] === 0xff9b && high.slice(2).every((group) => group === 0);
  if (isMapped || isCompatible || isNat64) return dottedQuad(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return dottedQuad(groups[1]!, groups[2]!);
  return null;
}

function dottedQuad(highGroup: number, lowGroup: number): string {
  return [highGroup >> 8, highGroup & 0xff, lowGroup >> 8, lowGroup & 0xff].join(".");
}

/** Eight 16-bit groups of a valid IPv6 address (with "::" and a dotted IPv4 tail resolved). */
function expandIpv6(ipv6: string): number[] {
  let text = ipv6.split("%")[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const zeros = tail === null ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill("0");
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16));
}
