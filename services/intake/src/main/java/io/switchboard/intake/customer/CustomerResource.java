package io.switchboard.intake.customer;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.intake.domain.IntakeFields;
import io.switchboard.web.Problem;
import io.switchboard.web.ProblemException;
import io.switchboard.web.Text;
import io.switchboard.web.errors.ConflictException;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The customer tier directory: tier, language, region, caller numbers, dedicated manager. Operators
 * write it (a tier decides priorities, caller numbers identify callers); the desk reads it; a
 * customer reads its own entry.
 */
@Path("/api/v1/customers/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String PHONE_PATTERN = "\\+?[0-9]{3,20}";

    private final Clock clock;
    private final EntityManager entityManager;
    private final Caller caller;

    CustomerResource(Clock clock, EntityManager entityManager, Caller caller) {
        this.clock = clock;
        this.entityManager = entityManager;
        this.caller = caller;
    }

    public record CustomerRequest(
            @Size(max = 200) String name,
            @NotNull CustomerTier tier,
            @NotNull @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code such as en or zh") String language,
            @Size(max = 64) String region,
            @Size(max = 64) String accountManagerId,
            @Size(max = 64) String timeZone,
            @Size(max = 20) List<@Pattern(regexp = PHONE_PATTERN, message = "must be digits, optionally after +") String> callerNumbers) {
    }

    public record CustomerView(String id, String name, CustomerTier tier, String language, String region,
                               String accountManagerId, String timeZone, Set<String> callerNumbers) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id, c.name, c.tier, c.language, c.region, c.accountManagerId, c.timeZone,
                    c.callerNumbers);
        }
    }

    /**
     * One statement that creates or updates the customer: concurrent PUTs of one new id wait for each other on the
     * primary key instead of both inserting; {@code xmax = 0} tells an inserted row from an updated one.
     */
    private static final String UPSERT = """
            insert into customer as c (id, name, tier, language, region, account_manager_id, time_zone, updated_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            on conflict (id) do update set name = excluded.name, tier = excluded.tier, language = excluded.language,
                region = excluded.region, account_manager_id = excluded.account_manager_id, time_zone = excluded.time_zone,
                updated_at = excluded.updated_at
            returning (xmax = 0)
            """;

    /**
     * Claims the numbers; a number another customer holds, or is claiming in a transaction not yet committed (the
     * unique index makes this one wait for it), is not inserted and is found by {@link #CLAIMED_BY_OTHERS}.
     */
    private static final String CLAIM_NUMBERS = """
            insert into customer_phone (customer_id, phone_number)
            select ?1, n from unnest(cast(?2 as varchar[])) as n order by n
            on conflict do nothing
            """;

    private static final String CLAIMED_BY_OTHERS = """
            select phone_number, customer_id from customer_phone
            where phone_number = any(cast(?2 as varchar[])) and customer_id <> ?1 order by phone_number limit 1
            """;

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.SYSTEM, Roles.AGENT, Roles.SUPERVISOR, Roles.CUSTOMER})
    public CustomerView get(@PathParam("id") String id) {
        caller.requireOwnCustomer(id);
        return CustomerView.of(Customer.<Customer>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("customer " + id)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Transactional
    public Response put(@PathParam("id") String id, @Valid @NotNull CustomerRequest request) {
        if (!id.matches(ID_PATTERN)) {
            throw ProblemException.invalid("id", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (request.tier() == CustomerTier.UNKNOWN) {
            throw ProblemException.invalid("tier", "must be one of STANDARD, ENTERPRISE, VIP, STRATEGIC_PARTNER");
        }
        Text.requirePrintable("name", request.name());
        Text.requirePrintable("region", request.region());
        String timeZone = IntakeFields.timeZone("timeZone", request.timeZone());
        Set<String> numbers = new LinkedHashSet<>(request.callerNumbers() == null ? List.of() : request.callerNumbers());
        String[] claimed = numbers.toArray(String[]::new);
        boolean created = (Boolean) entityManager.createNativeQuery(UPSERT)
                .setParameter(1, id).setParameter(2, request.name()).setParameter(3, request.tier().name())
                .setParameter(4, request.language()).setParameter(5, request.region())
                .setParameter(6, request.accountManagerId()).setParameter(7, timeZone)
                .setParameter(8, java.sql.Timestamp.from(clock.instant()))
                .getSingleResult();
        // The customer row is locked now: this customer's numbers change one request at a time.
        entityManager.createNativeQuery("delete from customer_phone where customer_id = ?1 and phone_number <> all(cast(?2 as varchar[]))")
                .setParameter(1, id).setParameter(2, claimed).executeUpdate();
        entityManager.createNativeQuery(CLAIM_NUMBERS).setParameter(1, id).setParameter(2, claimed).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> others = entityManager.createNativeQuery(CLAIMED_BY_OTHERS)
                .setParameter(1, id).setParameter(2, claimed).getResultList();
        if (!others.isEmpty()) {
            String number = (String) others.get(0)[0];
            String other = (String) others.get(0)[1];
            // Thrown out of the transaction: nothing of this request stays.
            throw new ConflictException("Caller number in use", number + " already identifies customer " + other,
                    "callerNumbers");
        }
        Customer customer = Customer.findById(id);
        entityManager.refresh(customer);
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(CustomerView.of(customer)).build();
    }
}
