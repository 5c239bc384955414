package dev.mcpbridge.lib.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.spi.ToolException;
import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv6 forms that carry an IPv4 address are judged by the address they carry. */
class UrlGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"::127.0.0.1", "::ffff:0:127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::", "::ffff:0:a00:1",
        "64:ff9b::a9fe:a9fe", "2002:c0a8:101::1", "2001:0:4136:e378:8000:63bf:80ff:fffe", "64:ff9b:1::8.8.8.8",
        "::10.0.0.1"})
    void anIpv6AddressEmbeddingAPrivateIpv4IsPrivate(String literal) throws Exception {
        assertThat(UrlGuard.isPrivate(InetAddress.getByName(literal))).as(literal).isTrue();
        UrlGuard guard = new UrlGuard(false, Set.of(), "allow it");
        assertThatThrownBy(() -> guard.check("http://[" + literal + "]/")).isInstanceOf(ToolException.class)
                .hasMessageContaining("private");
        UrlGuard byName = new UrlGuard(false, Set.of(), "allow it",
                host -> new InetAddress[] {InetAddress.getByName(literal)});
        assertThatThrownBy(() -> byName.check("http://rebound.example/")).hasMessageContaining("private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::808:808", "2002:808:808::", "::ffff:8.8.8.8", "2606:4700::1111"})
    void anIpv6AddressEmbeddingAPublicIpv4IsPublic(String literal) throws Exception {
        assertThat(UrlGuard.isPrivate(InetAddress.getByName(literal))).as(literal).isFalse();
    }
}
