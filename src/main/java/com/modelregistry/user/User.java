package com.modelregistry.user;

import com.modelregistry.auth.Roles;
import com.modelregistry.common.db.RegistryEntity;
import com.modelregistry.mlmodel.MLModel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A person who registers models. The password hash never leaves this entity for any response or log. */
@Entity
@Table(name = "users")
public class User extends RegistryEntity {

    @Column(nullable = false)
    public String email;

    @Column(nullable = false, length = 50)
    public String username;

    @Column(name = "password_hash", nullable = false, length = 60)
    public String passwordHash;

    @Column(nullable = false)
    public boolean active = true;

    @Column(nullable = false, length = 16)
    public String role = Roles.USER;

    /** Raised whenever the tokens issued so far must stop working: password, active or role changed. */
    @Column(name = "token_version", nullable = false)
    public int tokenVersion;

    /**
     * Read only, and only for ?expand=models (one join fetch). The models' owner_id column belongs to MLModel; this
     * side neither writes it nor cascades: the database deletes a user's models itself, without loading them.
     */
    @OneToMany
    @JoinColumn(name = "owner_id", insertable = false, updatable = false)
    @OrderBy("createdAt desc, id desc")
    public List<MLModel> models = new ArrayList<>();

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + "]";
    }
}
