package bench.ceiling;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The same small JSON answer for every key: what a GET costs on Payara Micro before any storage,
 * straight from JAX-RS or through a {@code @Stateless} EJB (kvstore's path: resource, EJB, store).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ConstantResource {

  @EJB ConstantBean bean;

  @GET
  @Path("{key}")
  public String plain() {
    return ConstantBean.ENTRY;
  }

  @GET
  @Path("ejb/{key}")
  public String throughEjb() {
    return bean.entry();
  }
}
