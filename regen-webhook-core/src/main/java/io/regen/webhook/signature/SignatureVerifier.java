package io.regen.webhook.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the {@code X-Regen-Signature: sha256=<hex>} header of a request: the HMAC-SHA256 of the
 * raw body bytes under one of the configured secrets.
 *
 * <p>The header name and the {@code sha256=} label are case-insensitive, white space around the
 * value is ignored, and the 64 hex digits may be upper or lower case. A request with no header,
 * more than one header, or a value of any other shape is rejected exactly like one whose signature
 * differs, so a caller learns nothing about what was wrong. The decoded 32 bytes are compared in
 * constant time with {@link MessageDigest#isEqual}. Every secret is tried, so a secret can be
 * rotated by configuring the old and the new one for a while.
 *
 * <p>Thread-safe. The keys are prepared once; each verification clones a prepared {@link Mac}
 * instead of looking up and initialising a new one.
 */
public final class SignatureVerifier {

  /** Name of the header that carries the signature. */
  public static final String HEADER = "X-Regen-Signature";

  private static final String ALGORITHM = "HmacSHA256";
  private static final String LABEL = "sha256=";
  private static final int HEX_DIGITS = 64;
  private static final HexFormat HEX = HexFormat.of();

  private final List<Mac> prototypes;

  private SignatureVerifier(List<Mac> prototypes) {
    this.prototypes = prototypes;
  }

  /**
   * Creates a verifier for these secrets, each used as its UTF-8 bytes.
   *
   * @throws IllegalArgumentException if there is no secret or a secret is empty
   */
  public static SignatureVerifier of(List<String> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret is required");
    }
    List<Mac> prototypes = new ArrayList<>();
    for (String secret : secrets) {
      prototypes.add(newMac(secret.getBytes(StandardCharsets.UTF_8)));
    }
    return new SignatureVerifier(List.copyOf(prototypes));
  }

  /**
   * Returns the header value that signs this body with this secret, such as {@code
   * sha256=757107ea...}; for senders and tests.
   */
  public static String sign(String secret, byte[] body) {
    Mac mac = newMac(secret.getBytes(StandardCharsets.UTF_8));
    return LABEL + HEX.formatHex(mac.doFinal(body));
  }

  /** Returns how many secrets this verifier tries. */
  public int secretCount() {
    return prototypes.size();
  }

  /**
   * Verifies that exactly one signature header was sent and that it matches the first {@code
   * length} bytes of {@code body} under any configured secret.
   *
   * @param headerValues every value of the signature header, in the order received
   * @param body the array that contains the raw body
   * @param length how many bytes of {@code body}, from its start, form the body
   * @return {@code true} if the signature is well formed and matches
   */
  public boolean verify(List<String> headerValues, byte[] body, int length) {
    if (headerValues.size() != 1) {
      return false;
    }
    byte[] expected = decode(headerValues.get(0));
    if (expected == null) {
      return false;
    }
    boolean matched = false;
    for (Mac prototype : prototypes) {
      Mac mac = copy(prototype);
      mac.update(body, 0, length);
      // Every secret is tried even after a match, so the time taken does not reveal which matched.
      matched |= MessageDigest.isEqual(mac.doFinal(), expected);
    }
    return matched;
  }

  /** Decodes {@code sha256=<64 hex digits>} to 32 bytes, or returns null for any other shape. */
  private static byte[] decode(String headerValue) {
    String value = headerValue.strip();
    if (value.length() != LABEL.length() + HEX_DIGITS
        || !value.regionMatches(true, 0, LABEL, 0, LABEL.length())) {
      return null;
    }
    byte[] bytes = new byte[HEX_DIGITS / 2];
    for (int i = 0; i < bytes.length; i++) {
      int high = hexValue(value.charAt(LABEL.length() + 2 * i));
      int low = hexValue(value.charAt(LABEL.length() + 2 * i + 1));
      if (high < 0 || low < 0) {
        return null;
      }
      bytes[i] = (byte) (high << 4 | low);
    }
    return bytes;
  }

  /** Returns the value of an ASCII hex digit of either case, or -1 for any other character. */
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    } else if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static Mac copy(Mac prototype) {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(ALGORITHM + " provider does not support clone()", e);
    }
  }

  private static Mac newMac(byte[] key) {
    if (key.length == 0) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    }
  }
}
