package dev.signet.adapters.crypto.pkcs11;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds a token's slot by the token's label. Slot ids are not stable: SoftHSM moves a token to a random
 * slot id when it is initialised, and a reset or re-plugged token may come back elsewhere; the label is
 * what the operator chose and configured.
 */
final class TokenFinder {
    private final SessionFunctions functions;
    private final String library;

    TokenFinder(SessionFunctions functions, String library) {
        this.functions = functions;
        this.library = library;
    }

    /**
     * The slot that holds the initialised token labelled {@code label}.
     *
     * @throws Pkcs11Unavailable naming the labels that do exist when none matches, or the slots when
     *                           several tokens carry the label (signing with the wrong one must not happen)
     */
    long find(String label) {
        List<Found> tokens = tokens();
        List<Found> matches = tokens.stream().filter(t -> t.info().label().equals(label)).toList();
        if (matches.size() == 1) {
            return matches.get(0).slot();
        }
        if (matches.isEmpty()) {
            throw new Pkcs11Unavailable("no PKCS#11 token labelled '" + label + "' in " + library + "; "
                    + (tokens.isEmpty() ? "it has no initialised token at all"
                            : "tokens present: " + tokens.stream().map(t -> "'" + t.info().label() + "'")
                                    .collect(Collectors.joining(", "))));
        }
        throw new Pkcs11Unavailable(matches.size() + " PKCS#11 tokens are labelled '" + label + "' in " + library
                + " (serial numbers " + matches.stream().map(t -> t.info().serialNumber())
                        .collect(Collectors.joining(", "))
                + "); give each token its own label");
    }

    /** Initialised tokens in slots with a token present; a token removed while listing is skipped. */
    private List<Found> tokens() {
        List<Found> tokens = new ArrayList<>();
        for (long slot : functions.getSlotList(true)) {
            Cryptoki.TokenInfo info;
            try {
                info = functions.getTokenInfo(slot);
            } catch (Pkcs11Failure e) {
                if (e.isTokenLost()) {
                    continue;
                }
                throw e;
            }
            // SoftHSM always offers one more slot with a free, uninitialised (and unlabelled) token.
            if ((info.flags() & Ck.CKF_TOKEN_INITIALIZED) != 0) {
                tokens.add(new Found(slot, info));
            }
        }
        return tokens;
    }

    private record Found(long slot, Cryptoki.TokenInfo info) {
    }
}
