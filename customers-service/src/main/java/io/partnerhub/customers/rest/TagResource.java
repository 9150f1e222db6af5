package io.partnerhub.customers.rest;

import io.partnerhub.customers.service.TagService;
import io.partnerhub.customers.service.TagService.TagView;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.runtime.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/tags")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {

    static final String COLOR = "#[0-9A-Fa-f]{6}";

    public record TagResponse(String id, String name, String color, @Schema(nullable = true) String description, long customerCount, long version) {
        static TagResponse of(TagView view) {
            return new TagResponse(view.tag().id.toString(), view.tag().name, view.tag().color, view.tag().description,
                    view.customerCount(), view.tag().version);
        }
    }

    public record CreateTag(@NotBlank @Size(max = 50) String name,
                            @NotNull @Pattern(regexp = COLOR, message = "must be a colour like #1A2B3C") String color,
                            @Size(max = 500) String description) {
    }

    public record UpdateTag(@Size(min = 1, max = 50) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
                            @Pattern(regexp = COLOR, message = "must be a colour like #1A2B3C") String color,
                            @Size(max = 500) String description) {
    }

    private final TagService tags;
    private final Caller caller;

    public TagResource(TagService tags, Caller caller) {
        this.tags = tags;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "The partner's tags with their customer counts")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.TagList.class)))
    public Uni<Map<String, List<TagResponse>>> list() {
        return tags.list(caller.actor()).map(views -> Map.of("items", views.stream().map(TagResponse::of).toList()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Create a tag")
    @APIResponse(responseCode = "201", description = "Created; Location names the tag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TagResponse.class)))
    public Uni<Response> create(@Valid @NotNull CreateTag request, @Context UriInfo uri) {
        return tags.create(caller.actor(), request.name(), request.color(), request.description())
                .map(TagResponse::of)
                .map(tag -> Response.created(uri.getAbsolutePathBuilder().path(tag.id()).build()).entity(tag).build());
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Change a tag")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The tag id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    public Uni<TagResponse> update(@PathParam("id") String id, @Valid @NotNull UpdateTag request) {
        return tags.update(caller.actor(), parse(id), Optional.ofNullable(request.name()), Optional.ofNullable(request.color()),
                Optional.ofNullable(request.description())).map(TagResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Delete a tag (untags its customers)")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The tag id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> delete(@PathParam("id") String id) {
        return tags.delete(caller.actor(), parse(id)).map(ignored -> Response.noContent().build());
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Tag");
        }
    }
}
