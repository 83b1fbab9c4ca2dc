// The client's address behind trusted proxies: the right-most untrusted entry of X-Forwarded-For, and nothing
// a client writes itself when its peer is not trusted.
#include "web/client_address.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tc::web {
namespace {

TEST(TrustedProxiesTest, WithoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays) {
  const TrustedProxies none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.client_address("127.0.0.1", "203.0.113.9"), "127.0.0.1");
}

TEST(TrustedProxiesTest, AnUntrustedPeerCannotForgeItsAddress) {
  const auto proxies = TrustedProxies::parse({"127.0.0.1"});
  EXPECT_EQ(proxies.client_address("198.51.100.20", "203.0.113.9"), "198.51.100.20");
  EXPECT_EQ(proxies.client_address("198.51.100.20", "127.0.0.1"), "198.51.100.20");
}

TEST(TrustedProxiesTest, BehindATrustedPeerTheRightMostUntrustedEntryIsTheClient) {
  const auto proxies = TrustedProxies::parse({"127.0.0.1", "10.0.0.2,10.0.0.3"});
  EXPECT_EQ(proxies.size(), 3u);
  EXPECT_EQ(proxies.client_address("127.0.0.1", "203.0.113.9"), "203.0.113.9");
  // A client that writes its own header gets it prefixed to what nginx appends: its forgery is left of it.
  EXPECT_EQ(proxies.client_address("127.0.0.1", "192.0.2.66, 203.0.113.9"), "203.0.113.9");
  // Proxies in a chain are skipped, spaces or not.
  EXPECT_EQ(proxies.client_address("127.0.0.1", "192.0.2.66,203.0.113.9,10.0.0.3 ,  10.0.0.2"), "203.0.113.9");
  // Repeated header fields arrive joined by ", ".
  EXPECT_EQ(proxies.client_address("127.0.0.1", "203.0.113.9, , 10.0.0.2"), "203.0.113.9");
}

TEST(TrustedProxiesTest, WithoutAHeaderOrWithGarbageTheLastTrustedAddressIsTheClient) {
  const auto proxies = TrustedProxies::parse({"127.0.0.1,10.0.0.2"});
  EXPECT_EQ(proxies.client_address("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(proxies.client_address("127.0.0.1", "not-an-address"), "127.0.0.1");
  EXPECT_EQ(proxies.client_address("127.0.0.1", "203.0.113.9, evil\", 10.0.0.2"), "10.0.0.2");
  EXPECT_EQ(proxies.client_address("127.0.0.1", "203.0.113.9:4711"), "127.0.0.1");
  // Every entry trusted: the left-most one.
  EXPECT_EQ(proxies.client_address("127.0.0.1", "10.0.0.2, 127.0.0.1"), "10.0.0.2");
}

TEST(TrustedProxiesTest, IPv6AndIPv4MappedAddressesAreCompared) {
  const auto proxies = TrustedProxies::parse({"::1", "127.0.0.1"});
  EXPECT_TRUE(proxies.trusts("::1"));
  EXPECT_TRUE(proxies.trusts("0:0:0:0:0:0:0:1"));
  EXPECT_TRUE(proxies.trusts("::ffff:127.0.0.1"));
  EXPECT_FALSE(proxies.trusts("::2"));
  EXPECT_FALSE(proxies.trusts("localhost"));
  EXPECT_EQ(proxies.client_address("::1", "2001:db8::7"), "2001:db8::7");
  EXPECT_EQ(proxies.client_address("::ffff:127.0.0.1", "[2001:db8::7]"), "2001:db8::7");
  EXPECT_EQ(proxies.client_address("::1", "::ffff:203.0.113.9"), "203.0.113.9");
}

TEST(TrustedProxiesTest, AnythingButAnAddressIsRefusedWithItsName) {
  try {
    (void)TrustedProxies::parse({"127.0.0.1", "10.0.0.0/8"});
    ADD_FAILURE() << "a network was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("« 10.0.0.0/8 »"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)TrustedProxies::parse({"nginx.internal"}), std::invalid_argument);
  EXPECT_THROW((void)TrustedProxies::parse({"127.0.0.1:8080"}), std::invalid_argument);
  EXPECT_TRUE(TrustedProxies::parse({"", " , "}).empty());
}

}  // namespace
}  // namespace tc::web
