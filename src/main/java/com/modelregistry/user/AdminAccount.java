package com.modelregistry.user;

import com.modelregistry.auth.PasswordHasher;
import com.modelregistry.auth.TokenRevocation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
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
 * admin exists, is active and has this password. bcrypt runs here on the main thread, never on an event loop.
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
        User admin = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> users.findByUsername(wanted.username()).chain(user -> {
                    if (user == null) {
                        User created = new User();
                        created.username = wanted.username();
                        created.email = wanted.email();
                        created.passwordHash = newHash;
                        created.role = User.ROLE_ADMIN;
                        return users.persist(created);
                    }
                    boolean revoke = newHash != null || !user.active || !User.ROLE_ADMIN.equals(user.role);
                    user.email = wanted.email();
                    user.role = User.ROLE_ADMIN;
                    user.active = true;
                    if (newHash != null) {
                        user.passwordHash = newHash;
                    }
                    if (revoke) {
                        user.tokenVersion++;
                    }
                    return users.persist(user);
                })));
        revocation.forget(admin.id);
        LOG.infof("Admin account %s is ready", admin.username);
    }
}
