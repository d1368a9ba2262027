// inet_pton(AF_INET) as glibc implements it: exactly four decimal octets 0..255, no leading zeros,
// nothing else. Returns the address as a number (network order folded into a plain integer) or null.
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part)) return null;
    if (part.length > 1 && part[0] === '0') return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}
