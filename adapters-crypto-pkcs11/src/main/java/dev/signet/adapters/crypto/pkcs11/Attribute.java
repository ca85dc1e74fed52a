package dev.signet.adapters.crypto.pkcs11;

import dev.signet.domain.Hex;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A CK_ATTRIBUTE in Signet's own terms, so that templates can be built outside {@link Cryptoki}: a type
 * and a value that is a Boolean (CK_BBOOL), a Long (CK_ULONG) or a byte[] (byte strings, and also
 * CKA_LABEL, whose UTF-8 bytes are passed as they are). A null value asks C_GetAttributeValue for it.
 */
record Attribute(long type, Object value) {
    Attribute {
        if (value instanceof byte[] bytes) {
            value = bytes.clone();
        } else if (value != null && !(value instanceof Boolean) && !(value instanceof Long)) {
            throw new IllegalArgumentException("attribute value must be Boolean, Long or byte[], got "
                    + value.getClass().getSimpleName());
        }
    }

    static Attribute of(long type, boolean value) {
        return new Attribute(type, value);
    }

    static Attribute of(long type, long value) {
        return new Attribute(type, value);
    }

    static Attribute of(long type, byte[] value) {
        return new Attribute(type, value);
    }

    /** An attribute whose value C_GetAttributeValue is to fill in. */
    static Attribute query(long type) {
        return new Attribute(type, null);
    }

    @Override
    public Object value() {
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    byte[] bytes() {
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw new IllegalStateException(describeType() + " is not a byte string: " + value);
    }

    boolean bool() {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalStateException(describeType() + " is not a CK_BBOOL: " + value);
    }

    long number() {
        if (value instanceof Long n) {
            return n;
        }
        throw new IllegalStateException(describeType() + " is not a CK_ULONG: " + value);
    }

    private String describeType() {
        return "attribute 0x" + Long.toHexString(type).toUpperCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attribute that && type == that.type
                && (value instanceof byte[] mine && that.value instanceof byte[] theirs
                        ? Arrays.equals(mine, theirs) : Objects.equals(value, that.value));
    }

    @Override
    public int hashCode() {
        return Long.hashCode(type) * 31 + (value instanceof byte[] bytes ? Arrays.hashCode(bytes)
                : Objects.hashCode(value));
    }

    @Override
    public String toString() {
        // Attribute values here are public (ids, labels, flags, public points); templates never carry secrets.
        return describeType() + "=" + (value instanceof byte[] bytes ? Hex.encode(bytes) : value);
    }
}
