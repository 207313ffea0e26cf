/**
 * How a component hands the parts of its parsed model to the components it builds (PodIdentity
 * its role, agents and add-ons; PodIdentityAddon its role; the root program its PodIdentity),
 * so that they build from the model instead of checking the same args again.
 *
 * The public constructors keep their signatures: the builder passes a token in place of the
 * args, and the constructor takes the model the token stands for. Tokens exist only in this
 * module's WeakMap, so args a user writes can never pass for a parsed model.
 */
export class Handover<M> {
    private readonly models = new WeakMap<object, M>();

    /** An args object standing for `model`, to pass to the component's constructor. */
    pass<A>(model: M): A {
        const token = Object.freeze({});
        this.models.set(token, model);
        return token as A;
    }

    /** The model `args` stands for, when it is a token of this handover. */
    take(args: unknown): M | undefined {
        return args !== null && typeof args === "object" ? this.models.get(args) : undefined;
    }
}
