package com.modelregistry.user;

import com.modelregistry.auth.Roles;
import com.modelregistry.auth.PasswordHasher;
import com.modelregistry.auth.TokenRevocation;
import com.modelregistry.common.db.DatabaseFailures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * When {@code registry.admin.username}, {@code .email} and {@code .password} are set, makes sure at start-up that this
 * admin exists, is active and has this password. bcrypt runs here on the main thread, never on an event loop, and
 * between a session that reads and the transaction that writes, both opened here for that reason, so that no
 * connection is held while it runs. Instances take turns through a database lock; the admin's cached token state is
 * forgotten once the transaction has committed. Data that users can write (another account holding the email or the
 * username) never stops start-up: the admin step is then skipped in part or whole, with an ERROR that says what to do.
 */
@ApplicationScoped
public class AdminAccount {

    private static final Logger LOG = Logger.getLogger(AdminAccount.class);

    private final UserRepository users;
    private final TokenRevocation revocation;
    private final Validator validator;
    private final Optional<String> username;
    private final Optional<String> email;
    private final Optional<String> password;

    public AdminAccount(UserRepository users, TokenRevocation revocation, Validator validator,
            @ConfigProperty(name = "registry.admin.username") Optional<String> username,
            @ConfigProperty(name = "registry.admin.email") Optional<String> email,
            @ConfigProperty(name = "registry.admin.password") Optional<String> password) {
        this.users = users;
        this.revocation = revocation;
        this.validator = validator;
        this.username = username;
        this.email = email;
        this.password = password;
    }

    void ensureAdmin(@Observes StartupEvent started) throws Throwable {
        if (username.isEmpty() && email.isEmpty() && password.isEmpty()) {
            return;
        }
        if (username.isEmpty() || email.isEmpty() || password.isEmpty()) {
            throw new IllegalStateException(
                    "Set all of REGISTRY_ADMIN_USERNAME, REGISTRY_ADMIN_EMAIL and REGISTRY_ADMIN_PASSWORD, or none");
        }
        NewUser wanted = new NewUser(email.get(), username.get(), password.get());
        Set<ConstraintViolation<NewUser>> violations = validator.validate(wanted);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("The admin account settings are invalid: " + violations.stream()
                    .map(v -> "registry.admin." + v.getPropertyPath() + " " + v.getMessage())
                    .sorted().collect(Collectors.joining("; ")));
        }
        User existing = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> users.findByUsername(wanted.username())));
        String newHash = existing != null && PasswordHasher.matchesNow(wanted.password(), existing.passwordHash)
                ? null
                : PasswordHasher.hashNow(wanted.password());
        Outcome outcome = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> users.lockForAdminAccount()
                        .chain(() -> users.findByUsername(wanted.username()))
                        .chain(byName -> users.findByEmail(wanted.email())
                                .chain(byEmail -> apply(wanted, newHash, byName, byEmail))))
                // a backstop for a write that slipped in meanwhile, such as one from an older instance
                .onFailure(failure -> DatabaseFailures.violated(failure).isPresent())
                .recoverWithItem(failure -> new Outcome(null, "the admin account " + wanted.username()
                        + " was not set up: its email or username was taken meanwhile by another account ("
                        + DatabaseFailures.violated(failure).orElseThrow() + "). Restart to try again; "
                        + "if this repeats, set REGISTRY_ADMIN_EMAIL and REGISTRY_ADMIN_USERNAME to ones no account "
                        + "uses")));
        if (outcome.admin() != null) {
            revocation.forget(outcome.admin().id).await().indefinitely();
            LOG.infof("Admin account %s is ready", outcome.admin().username);
        }
        if (outcome.problem() != null) {
            // start-up goes on: the data behind this is what users may write, and must never keep the service down
            LOG.error("Start-up: " + outcome.problem());
        }
    }

    /** The admin made sure of (null when it could not be), and what went wrong, if anything. */
    private record Outcome(User admin, String problem) {
    }

    /**
     * Creates or updates the admin unless that would take another account's email or username. An existing account
     * of the configured username is the admin's when it is an admin or has the configured email; any other is a
     * stranger's, which keeps its password and role.
     */
    private Uni<Outcome> apply(NewUser wanted, String newHash, User byName, User byEmail) {
        if (byName == null) {
            if (byEmail != null) {
                return Uni.createFrom().item(new Outcome(null, "the admin account " + wanted.username()
                        + " was not created: its email " + wanted.email() + " belongs to another account (id "
                        + byEmail.id + "). Set REGISTRY_ADMIN_EMAIL to an address no account uses, or change that "
                        + "account's email, then restart. Until then there is no admin account " + wanted.username()));
            }
            User created = new User();
            created.username = wanted.username();
            created.email = wanted.email();
            created.passwordHash = newHash;
            created.role = Roles.ADMIN;
            return users.persist(created).map(admin -> new Outcome(admin, null));
        }
        if (!Roles.ADMIN.equals(byName.role) && !wanted.email().equals(byName.email)) {
            return Uni.createFrom().item(new Outcome(null, "the admin account " + wanted.username()
                    + " was not set up: an account of that username (id " + byName.id + ") is not an admin and has "
                    + "another email, so it is someone else's and was left alone. Set REGISTRY_ADMIN_USERNAME to a "
                    + "username no account uses, or rename that account, then restart"));
        }
        boolean emailFree = byEmail == null || byEmail.id.equals(byName.id);
        boolean revoke = newHash != null || !byName.active || !Roles.ADMIN.equals(byName.role);
        if (emailFree) {
            byName.email = wanted.email();
        }
        byName.role = Roles.ADMIN;
        byName.active = true;
        if (newHash != null) {
            byName.passwordHash = newHash;
        }
        if (revoke) {
            byName.tokenVersion++;
        }
        String problem = emailFree ? null : "the admin account " + wanted.username() + " keeps its email "
                + byName.email + ": REGISTRY_ADMIN_EMAIL " + wanted.email() + " belongs to another account (id "
                + byEmail.id + "). Set REGISTRY_ADMIN_EMAIL to an address no account uses, or change that "
                + "account's email, then restart. Its password, role and active state were applied";
        return users.persist(byName).map(admin -> new Outcome(admin, problem));
    }
}
