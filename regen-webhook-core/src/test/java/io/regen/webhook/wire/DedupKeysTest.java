package io.regen.webhook.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedupKeysTest {

  @Test
  void deriveHashesCanonicalArray() {
    // SHA-256 of ["s","t",[["a","1"],["b","x"]]], computed independently with sha256sum.
    assertThat(DedupKeys.derive("s", "t", Map.of("b", "x", "a", "1")))
        .isEqualTo(
            "derived:sha256:55c595a9ec37adcb2fd58bf327dd5185c3e29559c14720bc8bd658a94bb38c5d");
  }

  @Test
  void deriveWritesAbsentSourceAsNull() {
    assertThat(DedupKeys.derive(null, "t", null))
        .isEqualTo("derived:sha256:" + Sha256.hex("[null,\"t\",[]]"));
    assertThat(DedupKeys.derive(null, "t", Map.of())).isEqualTo(DedupKeys.derive(null, "t", null));
  }

  @Test
  void deriveIgnoresLabelOrder() {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("a", "1");
    forward.put("b", "2");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put("b", "2");
    backward.put("a", "1");

    assertThat(DedupKeys.derive("s", "t", forward)).isEqualTo(DedupKeys.derive("s", "t", backward));
  }

  @Test
  void deriveIsUnambiguous() {
    assertThat(DedupKeys.derive("a", "bc", null)).isNotEqualTo(DedupKeys.derive("ab", "c", null));
    assertThat(DedupKeys.derive(null, "t", null)).isNotEqualTo(DedupKeys.derive("null", "t", null));
    assertThat(DedupKeys.derive("", "t", null)).isNotEqualTo(DedupKeys.derive(null, "t", null));
    assertThat(DedupKeys.derive("s", "t", Map.of("a", "b,c")))
        .isNotEqualTo(DedupKeys.derive("s", "t", Map.of("a,b", "c")));
    assertThat(DedupKeys.derive("s", "t\",\"x", null))
        .isNotEqualTo(DedupKeys.derive("s\",\"t", "x", null));
  }

  @Test
  void derivedKeyUsesReservedPrefix() {
    assertThat(DedupKeys.derive("s", "t", null))
        .startsWith(DedupKeys.RESERVED_PREFIX)
        .matches("derived:sha256:[0-9a-f]{64}");
  }

  /** Computes digests with the JDK, apart from the code under test. */
  private static final class Sha256 {
    static String hex(String text) {
      try {
        byte[] digest =
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }
  }
}
