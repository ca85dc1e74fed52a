package dev.signet.domain.key;

import dev.signet.domain.Require;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rule that keeps a store's software keys under one key-encryption key, so that one rotation can always move
 * them all. What decides is what the store records as its KEK (its id, never the key) together with the KEKs its
 * keys are actually wrapped under: a store from before the record existed, or one changed by hand, is judged by
 * its keys.
 *
 * @param recorded    the KEK the store records, if any
 * @param wrapping    the KEKs software keys are wrapped under, revoked keys included
 */
public record StoreKek(Optional<KekId> recorded, Set<KekId> wrapping) {
    public StoreKek {
        Require.present(recorded, "recorded KEK id");
        wrapping = Set.copyOf(Require.present(wrapping, "KEK ids of the keys"));
    }

    public static StoreKek of(Optional<KekId> recorded, Collection<KekId> wrapping) {
        return new StoreKek(recorded, Set.copyOf(wrapping));
    }

    /** Every KEK in play, in order: none for a new store, one for a sound store, more for a mixed one. */
    public Set<KekId> ids() {
        Set<KekId> ids = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        recorded.ifPresent(ids::add);
        ids.addAll(wrapping);
        return ids;
    }

    /** The store's KEK; empty while it has none yet, or when it is mixed. */
    public Optional<KekId> current() {
        Set<KekId> ids = ids();
        return ids.size() == 1 ? Optional.of(ids.iterator().next()) : Optional.empty();
    }

    /**
     * Lets a new key be wrapped under {@code given}: the store's KEK, or any while the store has none (then the
     * first key's KEK becomes the store's).
     *
     * @throws WrongStoreKeyEncryptionKey when the store's keys are under another KEK
     * @throws MixedKeyEncryptionKeys     when they are under several, until a rotation repairs the store
     */
    public void admit(KekId given) {
        Require.present(given, "KEK id");
        Set<KekId> ids = ids();
        if (ids.size() > 1) {
            throw new MixedKeyEncryptionKeys(ids);
        }
        if (ids.size() == 1 && !ids.contains(given)) {
            throw new WrongStoreKeyEncryptionKey(ids.iterator().next(), given);
        }
    }

    static String list(Collection<KekId> ids) {
        return ids.stream().map(KekId::value).collect(Collectors.joining(", "));
    }
}
