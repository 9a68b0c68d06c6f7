import { describe, expect, it } from "vitest";
import { allowedHostnames, hostRefusal } from "./host-allow-list.js";

const allowed = allowedHostnames("https://book.example.com");

describe("hostRefusal", () => {
  it("answers PUBLIC_URL's host and loopback on any port", () => {
    for (const host of ["book.example.com", "BOOK.example.com:443", "localhost:3000", "127.0.0.1:4930", "[::1]:8080", "localhost"]) expect(hostRefusal(allowed, host, undefined)).toBeNull();
    expect(hostRefusal(allowed, "127.0.0.1:4930", "http://localhost:4930")).toBeNull();
    expect(hostRefusal(allowed, "book.example.com", "https://book.example.com")).toBeNull();
  });

  it("refuses a rebinding name in Host or Origin, and unreadable values", () => {
    expect(hostRefusal(allowed, "evil.example.com", undefined)).toMatch(/Host/);
    expect(hostRefusal(allowed, "127.0.0.1:4930", "http://evil.example.com")).toMatch(/Origin/);
    expect(hostRefusal(allowed, "localhost.evil.example.com", undefined)).toMatch(/Host/);
    expect(hostRefusal(allowed, undefined, undefined)).toMatch(/Host/);
    expect(hostRefusal(allowed, "127.0.0.1", "null")).toMatch(/Origin/);
    expect(hostRefusal(allowed, "127.0.0.1", "file:///x")).toMatch(/Origin/);
  });
});
