package io.switchboard.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.web.Text;
import io.switchboard.web.errors.NotPermittedException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Objects;

/**
 * Who is calling, as the verified token says: the acting person or system ({@code sub}), its roles
 * and, for a customer, the customer it acts for. Resources take the actor from here, never from the
 * body.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The token's subject: the agent, system or user acting. */
    public String actor() {
        if (identity.isAnonymous()) {
            return null;
        }
        String subject = identity.getPrincipal().getName();
        // It lands in histories and events: one printable line of a sane length, even from a trusted issuer.
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            throw new NotPermittedException("the token's subject (sub) must be 1-255 characters");
        }
        Text.requireSingleLine("sub", subject);
        return subject;
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /** True for a {@code customer} token that has none of the staff roles. */
    public boolean isCustomer() {
        return is(Roles.CUSTOMER) && !is(Roles.AGENT) && !is(Roles.SUPERVISOR) && !is(Roles.SYSTEM) && !is(Roles.OPERATOR);
    }

    /** The customer a {@code customer} token acts for; refused when the token lacks the claim. */
    public String customerId() {
        Principal principal = identity.getPrincipal();
        Object claim = principal instanceof JsonWebToken jwt ? jwt.getClaim(Roles.CUSTOMER_ID_CLAIM) : null;
        String id = claim == null ? null : claim.toString().replace("\"", "");
        if (id == null || id.isBlank()) {
            throw new NotPermittedException("a customer token must carry the " + Roles.CUSTOMER_ID_CLAIM + " claim");
        }
        return id;
    }

    /**
     * The actor for a request body that may still name one: the token's subject; a body naming
     * someone else is refused (403 naming the field), so that nobody acts under another name.
     */
    public String actor(String field, String claimedInBody) {
        String actor = actor();
        if (claimedInBody != null && !claimedInBody.equals(actor)) {
            throw new NotPermittedException(field + " '" + claimedInBody + "' is not the token's subject; the actor comes from the token", field);
        }
        return actor;
    }

    /** For a customer token: refuses anything of another customer. Staff tokens pass. */
    public void requireOwnCustomer(String customerId) {
        if (isCustomer() && !Objects.equals(customerId(), customerId)) {
            throw new NotPermittedException("a customer token may act only on its own customer's data");
        }
    }
}
