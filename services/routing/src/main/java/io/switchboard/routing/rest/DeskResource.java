package io.switchboard.routing.rest;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.routing.domain.AgentStrategy;
import io.switchboard.routing.domain.Certification;
import io.switchboard.routing.group.CentreRow;
import io.switchboard.routing.group.GroupDirectory;
import io.switchboard.routing.group.SkillGroupRow;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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

import java.time.LocalDate;
import java.util.List;

/** Centres and skill groups: operators define them, everyone on the desk reads them. */
@Path("/api/v1/routing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeskResource {

    static final String ID = "[a-z0-9][a-z0-9._-]{0,63}";

    public record CentreBody(@NotBlank @Size(max = 64) String zone, @Size(max = 400) List<@NotNull LocalDate> publicHolidays) {
    }

    public record GroupBody(@NotBlank @Size(max = 200) String name,
                            @NotBlank @Pattern(regexp = ID) String skill,
                            @Size(max = 50) List<@NotBlank @Size(max = 100) String> products,
                            @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z]{2}") String> languages,
                            @NotNull Certification certification, @NotNull SupportLevel level,
                            @Size(max = 10) List<@NotNull CustomerTier> tiers,
                            @NotBlank @Pattern(regexp = ID) String centre,
                            @NotBlank @Size(max = 1000) String hours,
                            @NotNull AgentStrategy strategy, boolean emergency) {
    }

    private final GroupDirectory directory;

    DeskResource(GroupDirectory directory) {
        this.directory = directory;
    }

    @PUT
    @Path("/centres/{id}")
    @RolesAllowed(Roles.OPERATOR)
    public Response putCentre(@PathParam("id") @Pattern(regexp = ID) String id, @Valid @NotNull CentreBody body) {
        boolean created = directory.defineCentre(id, new GroupDirectory.CentreDefinition(body.zone(), body.publicHolidays()));
        return Response.status(created ? 201 : 200).entity(CentreRow.findById(id)).build();
    }

    @GET
    @Path("/centres")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public List<CentreRow> centres() {
        return CentreRow.list("order by id");
    }

    @PUT
    @Path("/groups/{id}")
    @RolesAllowed(Roles.OPERATOR)
    public Response putGroup(@PathParam("id") @Pattern(regexp = ID) String id, @Valid @NotNull GroupBody b) {
        boolean created = directory.defineGroup(id, new GroupDirectory.GroupDefinition(b.name(), b.skill(), b.products(), b.languages(),
                b.certification(), b.level(), b.tiers(), b.centre(), b.hours(), b.strategy(), b.emergency()));
        return Response.status(created ? 201 : 200).entity(SkillGroupRow.findById(id)).build();
    }

    @GET
    @Path("/groups")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public List<SkillGroupRow> groups() {
        return SkillGroupRow.list("order by id");
    }

    @GET
    @Path("/groups/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public SkillGroupRow group(@PathParam("id") String id) {
        SkillGroupRow row = SkillGroupRow.findById(id);
        if (row == null) {
            throw new ResourceNotFoundException("skill group " + id);
        }
        return row;
    }
}
