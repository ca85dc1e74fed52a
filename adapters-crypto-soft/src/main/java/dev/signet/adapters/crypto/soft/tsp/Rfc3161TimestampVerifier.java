package dev.signet.adapters.crypto.soft.tsp;

import dev.signet.application.port.out.TimestampVerifier;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.time.TimestampToken;
import dev.signet.domain.time.TsaCertificate;
import dev.signet.domain.verification.MalformedSignature;
import dev.signet.domain.verification.UntrustedTimestamp;
import dev.signet.domain.verification.UntrustedTimestamp.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.bouncycastle.util.Selector;

/**
 * Checks a timestamp token the way RFC 3161 and issue 14 ask, each failure named: the token parses
 * (else MalformedSignature), its imprint is the SHA-256 of this signature, its signer certificate has the
 * critical timeStamping extended key usage, chains (PKIX, at the token's time, without revocation checking)
 * to one of the trusted TSA certificates (or is one), and the token's CMS signature verifies with it.
 */
public final class Rfc3161TimestampVerifier implements TimestampVerifier {
    @Override
    public TimeBasis.TrustedTime verify(TimestampToken token, Ed25519Signature signature, List<TsaCertificate> trusted) {
        TimeStampToken parsed = parse(token);
        TimeStampTokenInfo info = parsed.getTimeStampInfo();
        if (!TSPAlgorithms.SHA256.equals(info.getMessageImprintAlgOID())
                || !Arrays.equals(SignatureImprint.of(signature), info.getMessageImprintDigest())) {
            throw new UntrustedTimestamp(Reason.IMPRINT_MISMATCH, "");
        }
        List<X509CertificateHolder> trustedCerts = trusted.stream().map(Rfc3161TimestampVerifier::holder).toList();
        X509CertificateHolder signer = signerCertificate(parsed, trustedCerts);
        requireTimeStampingUsage(signer);
        requireChain(signer, parsed, trustedCerts, info.getGenTime());
        try {
            if (!parsed.isSignatureValid(new JcaSimpleSignerInfoVerifierBuilder().build(signer))) {
                throw new UntrustedTimestamp(Reason.BAD_TOKEN_SIGNATURE, "");
            }
        } catch (TSPException | OperatorCreationException | java.security.cert.CertificateException e) {
            throw new UntrustedTimestamp(Reason.BAD_TOKEN_SIGNATURE, e.getMessage());
        }
        return new TimeBasis.TrustedTime(info.getGenTime().toInstant(), signer.getSubject().toString());
    }

    private static TimeStampToken parse(TimestampToken token) {
        try {
            return new TimeStampToken(new CMSSignedData(token.der()));
        } catch (CMSException | TSPException | IOException | RuntimeException e) {
            throw new MalformedSignature("field \"timestamp_token\" is not an RFC 3161 TimeStampToken ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static X509CertificateHolder holder(TsaCertificate certificate) {
        try {
            return new X509CertificateHolder(certificate.der());
        } catch (IOException e) {
            throw new IllegalArgumentException("TSA certificate " + certificate.subject() + " is not X.509", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static X509CertificateHolder signerCertificate(TimeStampToken token, List<X509CertificateHolder> trusted) {
        Selector<X509CertificateHolder> sid = token.getSID();
        Collection<X509CertificateHolder> carried = token.getCertificates().getMatches(sid);
        if (!carried.isEmpty()) {
            return carried.iterator().next();
        }
        return trusted.stream().filter(sid::match).findFirst()
                .orElseThrow(() -> new UntrustedTimestamp(Reason.UNTRUSTED_TSA,
                        "the token carries no signer certificate and none of the trusted ones signed it"));
    }

    private static void requireTimeStampingUsage(X509CertificateHolder signer) {
        Extension extension = signer.getExtension(Extension.extendedKeyUsage);
        if (extension == null || !extension.isCritical()
                || !ExtendedKeyUsage.getInstance(extension.getParsedValue()).hasKeyPurposeId(KeyPurposeId.id_kp_timeStamping)) {
            throw new UntrustedTimestamp(Reason.NO_TIMESTAMPING_EKU, "signer " + signer.getSubject());
        }
    }

    @SuppressWarnings("unchecked")
    private void requireChain(X509CertificateHolder signer, TimeStampToken token, List<X509CertificateHolder> trusted,
            Date at) {
        if (trusted.contains(signer)) {
            return; // the TSA's own certificate is trusted
        }
        try {
            // made here, not as a field: it loads bcpkix, which a verification without a timestamp never needs
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509CertificateHolder anchor : trusted) {
                anchors.add(new TrustAnchor(converter.getCertificate(anchor), null));
            }
            List<X509Certificate> intermediates = new ArrayList<>();
            for (Object carried : token.getCertificates().getMatches(null)) {
                intermediates.add(converter.getCertificate((X509CertificateHolder) carried));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(converter.getCertificate(signer));
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(at);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(intermediates)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UntrustedTimestamp(Reason.UNTRUSTED_TSA, "signer " + signer.getSubject() + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    @Override
    public TsaCertificate readCertificate(byte[] pemOrDer) {
        byte[] der = pemOrDer;
        String text = new String(pemOrDer, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN")) {
            try (PEMParser pem = new PEMParser(new StringReader(text))) {
                Object object = pem.readObject();
                if (!(object instanceof X509CertificateHolder certificate)) {
                    throw new IllegalArgumentException("PEM holds no CERTIFICATE");
                }
                der = certificate.getEncoded();
            } catch (IOException e) {
                throw new IllegalArgumentException("not a PEM certificate (" + e.getMessage() + ")", e);
            }
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new TsaCertificate(certificate.getEncoded(), new X509CertificateHolder(certificate.getEncoded())
                    .getSubject().toString());
        } catch (GeneralSecurityException | IOException | ClassCastException e) {
            throw new IllegalArgumentException("not an X.509 certificate (" + e.getMessage() + ")", e);
        }
    }
}
