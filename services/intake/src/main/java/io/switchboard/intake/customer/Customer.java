package io.switchboard.intake.customer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.switchboard.contracts.common.CustomerTier;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** A customer in the tier directory: who they are to the desk, and how to recognise their calls. */
@Entity
@Table(name = "customer")
public class Customer extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    @Enumerated(EnumType.STRING)
    public CustomerTier tier;

    public String language;

    public String region;

    @Column(name = "account_manager_id")
    public String accountManagerId;

    /** The customer's IANA time zone, e.g. Asia/Shanghai; null when unknown. */
    @Column(name = "time_zone")
    public String timeZone;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "customer_phone", joinColumns = @JoinColumn(name = "customer_id"))
    @Column(name = "phone_number")
    public Set<String> callerNumbers = new LinkedHashSet<>();

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<Customer> byCallerNumber(String number) {
        return find("select c from Customer c join c.callerNumbers n where n = ?1", number).firstResultOptional();
    }
}
