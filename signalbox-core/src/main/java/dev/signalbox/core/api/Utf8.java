package dev.signalbox.core.api;

/**
 * Strict UTF-8 (RFC 3629): Jackson decodes what it reads but does not refuse overlong forms
 * ({@code C0 AF} for '/') or encoded surrogates (CESU-8), which other parsers read differently;
 * a body is checked once before it is parsed. ASCII, most of a request, costs one compare a byte.
 */
public final class Utf8 {
  private Utf8() {}

  /** The offset of the first byte that is not well-formed UTF-8, or -1. */
  public static int firstInvalid(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xff;
      int length;
      int min2 = 0x80;
      int max2 = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) {
        length = 2;
      } else if (c >= 0xe0 && c <= 0xef) {
        length = 3;
        if (c == 0xe0) {
          min2 = 0xa0; // overlong below U+0800
        } else if (c == 0xed) {
          max2 = 0x9f; // U+D800..DFFF: surrogates
        }
      } else if (c >= 0xf0 && c <= 0xf4) {
        length = 4;
        if (c == 0xf0) {
          min2 = 0x90; // overlong below U+10000
        } else if (c == 0xf4) {
          max2 = 0x8f; // above U+10FFFF
        }
      } else {
        return i; // 80..C1 (continuation or overlong lead), F5..FF
      }
      if (i + length > n) {
        return i;
      }
      int second = b[i + 1] & 0xff;
      if (second < min2 || second > max2) {
        return i;
      }
      for (int k = 2; k < length; k++) {
        int cont = b[i + k] & 0xff;
        if (cont < 0x80 || cont > 0xbf) {
          return i;
        }
      }
      i += length;
    }
    return -1;
  }
}
