/**
 * A stand-in for what EKS and IAM hold of add-ons, their software, Pod Identity associations
 * and roles, driven by what `pulumi up` and `pulumi destroy` would do to the recorded
 * resources. It follows the documented rules, nothing more:
 * - CreateAddon creates the add-on's own associations (`podIdentityAssociations`) in the
 *   add-on's namespace; any association already there for that cluster, namespace and service
 *   account fails it with 409 ResourceInUseException, whoever owns it ("Add-ons can't assume
 *   ownership of existing pod identity associations", EKS User Guide, add-ons-iam).
 * - UpdateAddon with `podIdentityAssociations` replaces all of the add-on's own associations;
 *   the AWS provider sends an empty list when the list goes away (terraform-provider-aws
 *   internal/service/eks/addon.go, resourceAddonUpdate).
 * - DeleteAddon deletes the add-on's associations and its software, unless `preserve`, which
 *   keeps both (EKS User Guide, removing-an-add-on; DeleteAddon, EKS API reference).
 * - CreatePodIdentityAssociation fails with 409 when one exists for the cluster, namespace and
 *   service account; DeletePodIdentityAssociation removes it.
 * - IAM deletes a role whatever associations name it: they are left pointing at nothing.
 * Resources are created in registration order (dependencies first), replaced delete-first when
 * they say `deleteBeforeReplace` (create-first otherwise), and deleted dependents first.
 */
import { knownAddon } from "../eks/knownAddons";
import { RecordedResource } from "../tools/mock-engine";
import { diffRuns } from "./replacement";

const ADDON = "aws:eks/addon:Addon";
const ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const ROLE = "aws:iam/role:Role";

/** One association EKS holds. */
export interface HeldAssociation {
    roleArn: string;
    /** The add-on that owns it (`cluster/add-on`), or undefined for a standalone one. */
    owner?: string;
}

function str(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function addonKey(inputs: Record<string, unknown>): string {
    return `${str(inputs.clusterName)}/${str(inputs.addonName)}`;
}

function addonNamespace(inputs: Record<string, unknown>): string {
    const configured = (inputs.namespaceConfig as { namespace?: string } | undefined)?.namespace;
    return configured ?? knownAddon(str(inputs.addonName))?.namespace ?? "(unknown)";
}

function ownList(inputs: Record<string, unknown>): { roleArn: string; serviceAccount: string }[] {
    return Array.isArray(inputs.podIdentityAssociations)
        ? (inputs.podIdentityAssociations as { roleArn: string; serviceAccount: string }[])
        : [];
}

/** The state of one account's EKS clusters and IAM roles. */
export class EksAddonState {
    /** By `cluster/namespace/serviceAccount`. */
    readonly associations = new Map<string, HeldAssociation>();
    /** Add-ons EKS manages, by `cluster/add-on`. */
    readonly addons = new Set<string>();
    /** Add-ons whose software runs in the cluster (managed or left by `preserve`). */
    readonly software = new Set<string>();
    /** Role ARNs that exist. */
    readonly roles = new Set<string>();

    /** `pulumi up` from `before` (the stack's last state) to `after` (this run's program). */
    up(before: RecordedResource[], after: RecordedResource[]): void {
        const changes = diffRuns(before, after);
        const old = new Map(before.map((r) => [r.urn, r]));
        const stale: RecordedResource[] = [];
        for (const resource of after.filter((r) => r.custom)) {
            const change = changes.get(resource.urn);
            const previous = old.get(resource.urn);
            if (change === "create") {
                this.create(resource);
            } else if (change === "update" && previous) {
                this.update(previous, resource);
            } else if (change === "replace" && previous) {
                if (resource.options.deleteBeforeReplace) {
                    this.delete(previous);
                    this.create(resource);
                } else {
                    this.create(resource);
                    stale.push(previous);
                }
            }
        }
        const gone = before.filter((r) => r.custom && changes.get(r.urn) === "delete");
        for (const resource of [...dependentsFirst(gone), ...stale]) {
            this.delete(resource);
        }
    }

    /** `pulumi destroy` of a stack. */
    destroy(stack: RecordedResource[]): void {
        for (const resource of dependentsFirst(stack.filter((r) => r.custom))) {
            this.delete(resource);
        }
    }

    /** Associations naming a role that does not exist. */
    dangling(): string[] {
        return [...this.associations.entries()]
            .filter(([, held]) => !this.roles.has(held.roleArn))
            .map(([key]) => key)
            .sort();
    }

    private hold(key: string, held: HeldAssociation): void {
        if (this.associations.has(key)) {
            throw new Error(
                `409 ResourceInUseException: Association already exists for ${key} ` +
                    `(held ${this.associations.get(key)!.owner ? "by add-on " + this.associations.get(key)!.owner : "standalone"})`,
            );
        }
        this.associations.set(key, held);
    }

    private createOwned(inputs: Record<string, unknown>): void {
        const owner = addonKey(inputs);
        const namespace = addonNamespace(inputs);
        for (const { roleArn, serviceAccount } of ownList(inputs)) {
            this.hold(`${str(inputs.clusterName)}/${namespace}/${serviceAccount}`, {
                roleArn,
                owner,
            });
        }
    }

    private dropOwned(owner: string): void {
        for (const [key, held] of [...this.associations.entries()]) {
            if (held.owner === owner) {
                this.associations.delete(key);
            }
        }
    }

    private create(resource: RecordedResource): void {
        const inputs = resource.inputs;
        if (resource.type === ROLE) {
            this.roles.add(str(resource.outputs.arn));
        } else if (resource.type === ADDON) {
            this.createOwned(inputs);
            this.addons.add(addonKey(inputs));
            this.software.add(addonKey(inputs));
        } else if (resource.type === ASSOCIATION) {
            this.hold(
                `${str(inputs.clusterName)}/${str(inputs.namespace)}/${str(inputs.serviceAccount)}`,
                { roleArn: str(inputs.roleArn) },
            );
        }
    }

    private update(previous: RecordedResource, resource: RecordedResource): void {
        if (resource.type === ADDON) {
            const before = JSON.stringify(ownList(previous.inputs));
            if (before !== JSON.stringify(ownList(resource.inputs))) {
                this.dropOwned(addonKey(resource.inputs));
                this.createOwned(resource.inputs);
            }
        } else if (resource.type === ASSOCIATION) {
            const key = `${str(resource.inputs.clusterName)}/${str(resource.inputs.namespace)}/${str(resource.inputs.serviceAccount)}`;
            this.associations.set(key, { roleArn: str(resource.inputs.roleArn) });
        }
    }

    private delete(resource: RecordedResource): void {
        const inputs = resource.inputs;
        if (resource.type === ROLE) {
            this.roles.delete(str(resource.outputs.arn));
        } else if (resource.type === ADDON) {
            const key = addonKey(inputs);
            this.addons.delete(key);
            if (inputs.preserve === true) {
                // The associations stay, owned by nothing; so does the software.
                for (const held of this.associations.values()) {
                    if (held.owner === key) {
                        held.owner = undefined;
                    }
                }
            } else {
                this.dropOwned(key);
                this.software.delete(key);
            }
        } else if (resource.type === ASSOCIATION) {
            this.associations.delete(
                `${str(inputs.clusterName)}/${str(inputs.namespace)}/${str(inputs.serviceAccount)}`,
            );
        }
    }
}

/** The resources in an order that deletes every dependent before what it depends on. */
function dependentsFirst(resources: RecordedResource[]): RecordedResource[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const done = new Set<string>();
    const order: RecordedResource[] = [];
    const visit = (resource: RecordedResource) => {
        if (done.has(resource.urn)) {
            return;
        }
        done.add(resource.urn);
        for (const urn of resource.dependencies) {
            const dependency = byUrn.get(urn);
            if (dependency) {
                visit(dependency);
            }
        }
        order.push(resource);
    };
    resources.forEach(visit);
    return order.reverse();
}
