package io.switchboard.intake.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.common.Urgency;
import io.switchboard.contracts.tickets.NoteAuthorRole;
import io.switchboard.contracts.tickets.NoteVisibility;
import io.switchboard.contracts.tickets.ReopenReason;
import io.switchboard.contracts.tickets.ResolutionCode;
import io.switchboard.intake.domain.DedupKey;
import io.switchboard.intake.domain.IntakeFacts;
import io.switchboard.intake.domain.IntakeFields;
import io.switchboard.web.ProblemException;
import io.switchboard.web.Text;
import io.switchboard.web.errors.NotPermittedException;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Web console and API intake, and the ticket lifecycle. Who may call what is declared per method
 * (docs/services/intake.md, "Who may call"); the acting person is the token's subject, and a body
 * that names someone else is refused. A customer token reaches its own customer's tickets only.
 */
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketResource {

    static final String ACTOR = "[A-Za-z0-9][A-Za-z0-9._@:-]{0,63}";
    static final String ACTOR_MESSAGE = "must be 1-64 letters, digits or . _ @ : -";

    private final TicketLifecycleService lifecycle;
    private final TicketReclassification reclassification;
    private final TicketRepository tickets;
    private final TicketWriter writer;
    private final ObjectMapper json;
    private final Caller caller;

    TicketResource(TicketLifecycleService lifecycle, TicketReclassification reclassification, TicketRepository tickets,
                   TicketWriter writer, ObjectMapper json, Caller caller) {
        this.lifecycle = lifecycle;
        this.reclassification = reclassification;
        this.tickets = tickets;
        this.writer = writer;
        this.json = json;
        this.caller = caller;
    }

    public record OpenTicketRequest(
            @NotBlank @Pattern(regexp = ACTOR, message = ACTOR_MESSAGE) String customerId,
            @NotBlank @Size(max = IntakeFields.SUMMARY) String summary,
            @Size(max = IntakeFields.DESCRIPTION) String description,
            @Size(max = 100) String product,
            @Size(max = 64) String region,
            @NotNull Impact impact,
            @NotNull Urgency urgency,
            @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code such as en or zh") String language,
            @Size(max = 100) String category,
            @Size(max = 255) String dedupKey) {
    }

    @POST
    @RolesAllowed({Roles.SYSTEM, Roles.AGENT, Roles.SUPERVISOR, Roles.CUSTOMER, Roles.PARTNER})
    public CompletionStage<Response> open(@Valid @NotNull OpenTicketRequest request,
                                          @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri) {
        Text.requireSingleLine("summary", request.summary());
        Text.requirePrintable("description", request.description());
        Text.requireSingleLine("product", request.product());
        Text.requireSingleLine("region", request.region());
        Text.requireSingleLine("category", request.category());
        Text.requireSingleLine("customerId", request.customerId());
        if (caller.isCustomer() && !caller.customerId().equals(request.customerId())) {
            throw new NotPermittedException("a customer token opens tickets for its own customer only", "customerId");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1-255 characters");
        }
        if (idempotencyKey != null) {
            Text.requireSingleLine("Idempotency-Key", idempotencyKey);
        }
        String dedupKey = request.dedupKey() == null ? null : DedupKey.normalise("dedupKey", request.dedupKey());
        IntakeFacts facts = IntakeFacts.of(Channel.API).withImpact(request.impact()).withUrgency(request.urgency());
        if (request.category() != null) {
            facts = facts.withCategory(request.category());
        }
        TicketOpening.NewWork work = new TicketOpening.NewWork(Channel.API, request.customerId(), facts, request.summary(),
                request.description(), request.product(), request.region(), request.language(),
                dedupKey == null ? null : "api:" + request.customerId(), dedupKey, null, request.customerId());

        URI collection = uri.getAbsolutePath();
        CompletableFuture<Response> response = new CompletableFuture<>();
        writer.submit(work, idempotencyKey, idempotencyKey == null ? null : canonical(request)).whenComplete((accepted, error) -> {
            if (error != null) {
                response.completeExceptionally(error);
            } else if (accepted.replayed()) {
                response.complete(Response.ok(TicketView.of(accepted.ticket(), false)).header("Idempotent-Replayed", "true").build());
            } else if (accepted.opened()) {
                response.complete(Response.created(UriBuilder.fromUri(collection).path(accepted.ticket().id).build())
                        .entity(TicketView.of(accepted.ticket(), false)).build());
            } else {
                response.complete(Response.ok(TicketView.of(accepted.ticket(), false)).build());
            }
        });
        return response;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SYSTEM, Roles.AGENT, Roles.SUPERVISOR, Roles.CUSTOMER})
    public TicketView get(@PathParam("id") String id) {
        Ticket ticket = Ticket.findById(id);
        if (ticket == null) {
            throw new TicketNotFoundException(id);
        }
        if (caller.isCustomer()) {
            caller.requireOwnCustomer(ticket.customerId);
            return TicketView.forCustomer(ticket);
        }
        return TicketView.of(ticket, true);
    }

    /** A customer token reaches only its own customer's tickets; staff pass. */
    private void requireOwnTicket(String id) {
        if (caller.isCustomer()) {
            Ticket ticket = Ticket.findById(id);
            if (ticket == null) {
                throw new TicketNotFoundException(id);
            }
            caller.requireOwnCustomer(ticket.customerId);
        }
    }

    /** What a lifecycle call returns: the full view for staff, the customer's view for a customer. */
    private TicketView view(Ticket ticket) {
        return caller.isCustomer() ? TicketView.forCustomer(ticket) : TicketView.of(ticket, true);
    }

    public record TicketPage(List<TicketView> items, int page, int size, long total) {
    }

    /** The last page a list serves (offset paging reads and skips every row before it); narrow the filters beyond. */
    public static final int MAX_PAGE = 1000;
    public static final int MAX_SIZE = 200;

    @GET
    @RolesAllowed({Roles.SYSTEM, Roles.AGENT, Roles.SUPERVISOR, Roles.CUSTOMER})
    public TicketPage list(@QueryParam("status") String statusName, @QueryParam("priority") String priorityName,
                           @QueryParam("customerId") String customerId, @QueryParam("category") String category,
                           @QueryParam("channel") String channelName,
                           @QueryParam("page") @DefaultValue("0") @Min(0)
                           @Max(value = MAX_PAGE, message = "must be at most " + MAX_PAGE + "; narrow the filters to see further") int page,
                           @QueryParam("size") @DefaultValue("20") @Min(1) @Max(MAX_SIZE) int size) {
        TicketStatus status = filterValue(TicketStatus.class, "status", statusName);
        Priority priority = filterValue(Priority.class, "priority", priorityName);
        Channel channel = filterValue(Channel.class, "channel", channelName);
        if (caller.isCustomer()) {
            if (customerId != null && !customerId.equals(caller.customerId())) {
                throw new NotPermittedException("a customer token lists its own customer's tickets only", "customerId");
            }
            customerId = caller.customerId();
        }
        TicketRepository.Found found = tickets.page(status, priority, customerId, category, channel, page, size);
        return new TicketPage(found.tickets().stream().map(t -> TicketView.of(t, false)).toList(), page, size, found.total());
    }

    /** A list filter's enum value; an unknown one is a 400 naming the parameter, not a 404. */
    private static <E extends Enum<E>> E filterValue(Class<E> type, String parameter, String value) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value) && !"UNKNOWN".equals(value)) {
                return constant;
            }
        }
        throw ProblemException.invalid(parameter, "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "' is not one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).filter(n -> !"UNKNOWN".equals(n)).toList());
    }

    public record Reclassify(@Size(max = 100) String category, Impact impact, Urgency urgency, Boolean emergency,
                             EmergencyLevel emergencyLevel,
                             @NotBlank @Size(max = 1000) String reason,
                             @Pattern(regexp = ACTOR, message = ACTOR_MESSAGE) String actor) {
    }

    @POST
    @Path("/{id}/reclassify")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    public TicketView reclassify(@PathParam("id") String id, @Valid @NotNull Reclassify request) {
        Text.requireSingleLine("category", request.category());
        Text.requirePrintable("reason", request.reason());
        if (request.category() == null && request.impact() == null && request.urgency() == null
                && request.emergency() == null && request.emergencyLevel() == null) {
            throw ProblemException.invalid("category", "give a new category, impact, urgency or emergency");
        }
        String actor = caller.actor("actor", request.actor());
        return QuarkusTransaction.requiringNew().call(() -> TicketView.of(reclassification.reclassify(id, request.category(),
                request.impact(), request.urgency(), request.emergency(), request.emergencyLevel(), request.reason(),
                actor), true));
    }

    /** {@code agent} is optional: the acknowledging agent is the token's subject. */
    public record Acknowledge(@Pattern(regexp = ACTOR, message = ACTOR_MESSAGE) String agent) {
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    public TicketView acknowledge(@PathParam("id") String id, @Valid Acknowledge request) {
        String agent = caller.actor("agent", request == null ? null : request.agent());
        return QuarkusTransaction.requiringNew().call(() -> TicketView.of(lifecycle.acknowledge(id, agent), true));
    }

    public record StatusChange(@NotNull TicketStatus status, @Pattern(regexp = ACTOR, message = ACTOR_MESSAGE) String actor,
                               @Size(max = 1000) String reason) {
    }

    @POST
    @Path("/{id}/status")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    public TicketView changeStatus(@PathParam("id") String id, @Valid @NotNull StatusChange request) {
        Text.requirePrintable("reason", request.reason());
        String actor = caller.actor("actor", request.actor());
        return QuarkusTransaction.requiringNew().call(
                () -> TicketView.of(lifecycle.changeStatus(id, request.status(), actor, request.reason()), true));
    }

    public record Note(@Pattern(regexp = ACTOR, message = ACTOR_MESSAGE) String author,
                       NoteAuthorRole role, NoteVisibility visibility, boolean progressUpdate,
                       @NotBlank @Size(max = 20_000) String text) {
    }

    /**
     * A note's author and role come from the token: a customer writes PUBLIC customer notes on its own
     * tickets; agents and supervisors write AGENT notes, INTERNAL unless they say PUBLIC.
     */
    @POST
    @Path("/{id}/notes")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.CUSTOMER})
    public Response addNote(@PathParam("id") String id, @Valid @NotNull Note request) {
        Text.requirePrintable("text", request.text());
        String author = caller.actor("author", request.author());
        boolean customer = caller.isCustomer();
        NoteAuthorRole tokenRole = customer ? NoteAuthorRole.CUSTOMER : NoteAuthorRole.AGENT;
        if (request.role() != null && request.role() != tokenRole) {
            throw new NotPermittedException("role " + request.role() + " does not match the token; this caller writes "
                    + tokenRole + " notes", "role");
        }
        NoteVisibility visibility = request.visibility() == null
                ? (customer ? NoteVisibility.PUBLIC : NoteVisibility.INTERNAL) : request.visibility();
        if (visibility == NoteVisibility.UNKNOWN) {
            throw ProblemException.invalid("visibility", "must not be UNKNOWN");
        }
        if (customer && visibility != NoteVisibility.PUBLIC) {
            throw new NotPermittedException("a customer writes PUBLIC notes only", "visibility");
        }
        requireOwnTicket(id);
        Ticket ticket = QuarkusTransaction.requiringNew().call(
                () -> lifecycle.addNote(id, author, tokenRole, visibility, request.progressUpdate(), request.text()));
        return Response.status(Response.Status.CREATED).entity(view(ticket)).build();
    }

    public record Resolve(@NotNull ResolutionCode resolutionCode, boolean firstContactResolution,
                          @Size(max = 5_000) String summary,
                          @Pattern(regexp = ACTOR, message = ACTOR_MESSAGE) String agent) {
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    public TicketView resolve(@PathParam("id") String id, @Valid @NotNull Resolve request) {
        Text.requirePrintable("summary", request.summary());
        if (request.resolutionCode() == ResolutionCode.UNKNOWN) {
            throw ProblemException.invalid("resolutionCode", "must not be UNKNOWN");
        }
        String agent = caller.actor("agent", request.agent());
        return QuarkusTransaction.requiringNew().call(() -> TicketView.of(
                lifecycle.resolve(id, request.resolutionCode(), request.firstContactResolution(), request.summary(), agent), true));
    }

    public record Reopen(@NotNull ReopenReason reason, @Size(max = 5_000) String note,
                         @Pattern(regexp = ACTOR, message = ACTOR_MESSAGE) String actor) {
    }

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.CUSTOMER})
    public TicketView reopen(@PathParam("id") String id, @Valid @NotNull Reopen request) {
        Text.requirePrintable("note", request.note());
        if (request.reason() == ReopenReason.UNKNOWN) {
            throw ProblemException.invalid("reason", "must not be UNKNOWN");
        }
        String actor = caller.actor("actor", request.actor());
        requireOwnTicket(id);
        return QuarkusTransaction.requiringNew().call(
                () -> view(lifecycle.reopen(id, request.reason(), request.note(), actor)));
    }

    public record Close(@Pattern(regexp = ACTOR, message = ACTOR_MESSAGE) String actor, boolean majorIncident) {
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    public TicketView close(@PathParam("id") String id, @Valid @NotNull Close request) {
        String actor = caller.actor("actor", request.actor());
        return QuarkusTransaction.requiringNew().call(
                () -> TicketView.of(lifecycle.close(id, actor, request.majorIncident()), true));
    }

    private byte[] canonical(OpenTicketRequest request) {
        try {
            return json.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
