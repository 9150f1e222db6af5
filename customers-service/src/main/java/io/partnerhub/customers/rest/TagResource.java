package io.partnerhub.customers.rest;

import io.partnerhub.customers.repository.DirectoryQueries;
import io.partnerhub.platform.runtime.idempotency.IdempotencyKeys;
import io.partnerhub.customers.service.TagService;
import io.partnerhub.customers.service.TagService.TagView;
import io.partnerhub.platform.runtime.csv.Csv;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.rest.QueryParams;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/tags")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {

    static final String COLOR = "#[0-9A-Fa-f]{6}";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    public record TagResponse(String id, String name, String color, @Schema(nullable = true) String description, long customerCount,
                              long version) {
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

    static final List<String> CSV_HEADER = List.of("id", "name", "color", "description", "customerCount", "version");

    private final TagService tags;
    private final DirectoryQueries directory;
    private final IdempotencyKeys idempotent;
    private final Caller caller;

    public TagResource(TagService tags, DirectoryQueries directory, IdempotencyKeys idempotent, Caller caller) {
        this.tags = tags;
        this.directory = directory;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "The partner's tags with their customer counts")
    @APIResponse(responseCode = "200", description = "One page (JSON; Link: rel=next names the next one), or all rows (CSV)", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.TagPage.class)), @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri,
                              @Context HttpHeaders headers) {
        String partner = caller.actor().partnerOrgId();
        if (Csv.wanted(headers)) {
            return directory.tags(partner, null, null).map(page -> Csv.response("tags.csv", CSV_HEADER, page.items().stream()
                    .map(row -> Arrays.<Object>asList(row.tag().id, row.tag().name, row.tag().color, row.tag().description,
                            row.customerCount(), row.tag().version))
                    .toList()));
        }
        int pageSize = QueryParams.limit(limit);
        return directory.tags(partner, Lists.cursor(cursor, 2), pageSize)
                .map(page -> Lists.ok(page, row -> TagResponse.of(new TagView(row.tag(), row.customerCount())), uri));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "A tag")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The tag id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "The tag; ETag its version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TagResponse.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> get(@PathParam("id") String id) {
        return tags.get(caller.actor(), parse(id)).map(TagResponse::of).map(TagResource::ok);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Create a tag")
    @APIResponse(responseCode = "201", description = "Created; Location names the tag, ETag its version. A replayed Idempotency-Key answers the first answer with Idempotent-Replayed: true", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TagResponse.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> create(@Valid @NotNull CreateTag request, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                                @Context UriInfo uri) {
        Actor actor = caller.actor();
        Optional<IdempotencyKeys.Key> key = idempotent.key(actor, idempotencyKey, "POST /tags", request);
        return idempotent.once(key, 201, () -> tags.create(actor, request.name(), request.color(), request.description())
                                .map(TagResponse::of), TagResponse::id, tag -> tag)
                .map(outcome -> outcome.replayed()
                        ? Replays.answer(outcome.replay(), uri)
                        : Response.created(uri.getAbsolutePathBuilder().path(outcome.value().id()).build())
                                .tag(Preconditions.etag(outcome.value().version())).entity(outcome.value()).build());
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Change a tag (If-Match: its ETag)")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The tag id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "The changed tag; ETag its version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TagResponse.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> update(@PathParam("id") String id, @Valid @NotNull UpdateTag request,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return tags.update(caller.actor(), parse(id), Optional.ofNullable(request.name()), Optional.ofNullable(request.color()),
                Optional.ofNullable(request.description()), Preconditions.version(ifMatch)).map(TagResponse::of).map(TagResource::ok);
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

    private static Response ok(TagResponse tag) {
        return Response.ok(tag, MediaType.APPLICATION_JSON).tag(Preconditions.etag(tag.version())).build();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Tag");
        }
    }
}
