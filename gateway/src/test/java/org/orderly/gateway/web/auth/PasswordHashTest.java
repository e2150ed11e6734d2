package org.orderly.gateway.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void aHashMatchesItsPasswordOnlyAndIsSaltedEachTime() {
        String a = PasswordHash.hash("property-office".toCharArray());
        String b = PasswordHash.hash("property-office".toCharArray());
        assertThat(a).startsWith("pbkdf2-sha256$" + PasswordHash.ITERATIONS + "$").isNotEqualTo(b);
        assertThat(PasswordHash.wellFormed(a)).isTrue();
        assertThat(PasswordHash.matches("property-office".toCharArray(), a)).isTrue();
        assertThat(PasswordHash.matches("property-offic".toCharArray(), a)).isFalse();
    }

    @Test
    void aMalformedStoredHashMatchesNothing() {
        assertThat(PasswordHash.matches("x".toCharArray(), "plain-text")).isFalse();
        assertThat(PasswordHash.matches("x".toCharArray(), "pbkdf2-sha256$abc$AA==$AA==")).isFalse();
        assertThat(PasswordHash.matches("x".toCharArray(), "pbkdf2-sha256$10$!!$AA==")).isFalse();
        assertThat(PasswordHash.wellFormed("md5$1$a$b")).isFalse();
    }
}
