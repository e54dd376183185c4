package io.regen.webhook.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes lower-case hex SHA-256 digests, for the keys that are derived once per event.
 *
 * <p>Internal to regen-webhook: public only so that its packages can share it, and not part of the
 * API. Thread-safe: each call clones a prepared digest instead of looking one up by name, and hex
 * digits come from a table, because {@link java.util.HexFormat} costs more than the hash of a
 * short text.
 */
public final class Sha256Hex {

  private static final MessageDigest PROTOTYPE = newDigest();
  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

  private Sha256Hex() {}

  /** Returns the lower-case hex SHA-256 of the bytes, 64 characters long. */
  public static String of(byte[] data) {
    byte[] hash = digest().digest(data);
    char[] hex = new char[hash.length * 2];
    for (int i = 0; i < hash.length; i++) {
      hex[2 * i] = HEX_DIGITS[(hash[i] >> 4) & 0xF];
      hex[2 * i + 1] = HEX_DIGITS[hash[i] & 0xF];
    }
    return new String(hex);
  }

  private static MessageDigest digest() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return newDigest();
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
