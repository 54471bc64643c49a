package io.switchboard.intake.customer;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.web.Problem;
import io.switchboard.web.ProblemException;
import io.switchboard.web.Text;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
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
    private final Caller caller;

    CustomerResource(Clock clock, Caller caller) {
        this.clock = clock;
        this.caller = caller;
    }

    public record CustomerRequest(
            @Size(max = 200) String name,
            @NotNull CustomerTier tier,
            @NotNull @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code such as en or zh") String language,
            @Size(max = 64) String region,
            @Size(max = 64) String accountManagerId,
            @Size(max = 20) List<@Pattern(regexp = PHONE_PATTERN, message = "must be digits, optionally after +") String> callerNumbers) {
    }

    public record CustomerView(String id, String name, CustomerTier tier, String language, String region,
                               String accountManagerId, Set<String> callerNumbers) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id, c.name, c.tier, c.language, c.region, c.accountManagerId, c.callerNumbers);
        }
    }

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
        Set<String> numbers = new LinkedHashSet<>(request.callerNumbers() == null ? List.of() : request.callerNumbers());
        for (String number : numbers) {
            Customer.byCallerNumber(number).filter(other -> !other.id.equals(id)).ifPresent(other -> {
                throw new ProblemException(Problem.of(409, "Caller number in use",
                        "callerNumbers: " + number + " already identifies customer " + other.id,
                        List.of(new Problem.FieldError("callerNumbers", number + " already identifies customer " + other.id))));
            });
        }
        Customer customer = Customer.<Customer>findByIdOptional(id).orElse(null);
        boolean created = customer == null;
        if (created) {
            customer = new Customer();
            customer.id = id;
        }
        customer.name = request.name();
        customer.tier = request.tier();
        customer.language = request.language();
        customer.region = request.region();
        customer.accountManagerId = request.accountManagerId();
        customer.callerNumbers.clear();
        customer.callerNumbers.addAll(numbers);
        customer.updatedAt = clock.instant();
        customer.persist();
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(CustomerView.of(customer)).build();
    }
}
