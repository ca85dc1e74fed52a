package dev.signet.archfixture.violations.adapters.audit;

import com.nimbusds.jwt.JWTParser;

/** Violation: JWT handling outside the identity adapter. */
public class JwtParsingAudit {
    public Object parse(String token) throws java.text.ParseException {
        return JWTParser.parse(token);
    }
}
