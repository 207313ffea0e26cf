/**
 * Where an add-on's Pod Identity associations live, so that deleting or replacing the add-on
 * never leaves one behind, and never takes down what must keep running.
 *
 * EKS deletes an add-on's own associations (`podIdentityAssociations`) with the add-on,
 * unless the add-on is deleted with `preserve`; an add-on cannot adopt an association that
 * already exists (EKS User Guide, "IAM roles for Amazon EKS add-ons", add-ons-iam; "Remove an
 * Amazon EKS add-on", removing-an-add-on). `preserve` also decides whether the add-on's
 * software stays: without it, DeleteAddon deletes the software from the cluster too
 * (DeleteAddon, EKS API reference). So:
 * - `preserve: false` (the default, except for the VPC CNI): the associations are the
 *   add-on's own. Deleting the component (or replacing the add-on, delete-first) deletes the
 *   add-on's software and its associations; a new add-on can create them again.
 * - `preserve: true` (the VPC CNI's default: every pod's network runs on it): the add-on
 *   keeps its software on delete, and takes no associations of its own, which would outlive
 *   it. Each association is a standalone `aws.eks.PodIdentityAssociation` child instead,
 *   which Pulumi deletes before the role it names (it depends on the role), so none is left
 *   pointing at a deleted role. This is the Pulumi-native form of AWS's way of dropping only
 *   an add-on's associations (`update-addon --pod-identity-associations []`, "Remove Pod
 *   Identity associations from an Amazon EKS add-on", remove-addon-role): no resource of the
 *   AWS provider runs an update when it is deleted, and a command resource would need the AWS
 *   CLI and credentials of its own. What differs: EKS restarts an add-on's pods when its own
 *   associations change, not when a standalone one does (pods read their credentials
 *   variables when admitted).
 * Each standalone association depends on the add-on, so that a stack moving from the add-on's
 * own association (this package before 0.3) first updates the add-on to drop it (the AWS
 * provider sends UpdateAddon with an empty `podIdentityAssociations` when the list goes away,
 * terraform-provider-aws internal/service/eks/addon.go) and only then creates the standalone
 * one, which would otherwise fail with 409 ResourceInUseException.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FIXED_NAME } from "../core/fixedName";

/** One association an add-on needs: a service account and the role it takes. */
export interface AddonAssociation {
    serviceAccount: string;
    /** The role's ARN, resolved once its permissions exist (PodIdentityRole's `readyArn`). */
    roleArn: pulumi.Input<string>;
}

/** The add-on's own associations (`podIdentityAssociations`), or none when it is preserved. */
export function ownAssociations(
    associations: AddonAssociation[],
    preserve: boolean,
): aws.eks.AddonArgs["podIdentityAssociations"] {
    return preserve
        ? undefined
        : associations.map(({ roleArn, serviceAccount }) => ({ roleArn, serviceAccount }));
}

/** Where the standalone associations of a preserved add-on go. */
export interface StandaloneAssociationPlace {
    clusterName: pulumi.Input<string>;
    /** The add-on's namespace (`namespaceConfig`, or where the add-on installs by default). */
    namespace: string;
    /** The add-on, which the associations wait for. */
    addon: aws.eks.Addon;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/**
 * The standalone associations of a preserved add-on, named `<name>/<service account>`, by
 * service account; none when the add-on is not preserved.
 */
export function standaloneAssociations(
    name: string,
    associations: AddonAssociation[],
    preserve: boolean,
    place: StandaloneAssociationPlace,
    parent: pulumi.Resource,
): { [serviceAccount: string]: aws.eks.PodIdentityAssociation } {
    if (!preserve) {
        return {};
    }
    return Object.fromEntries(
        associations.map(({ serviceAccount, roleArn }) => [
            serviceAccount,
            new aws.eks.PodIdentityAssociation(
                `${name}/${serviceAccount}`,
                {
                    clusterName: place.clusterName,
                    namespace: place.namespace,
                    serviceAccount,
                    roleArn,
                    tags: place.tags,
                },
                // One association per cluster, namespace and service account: replaced
                // delete-first (see fixedName.ts).
                { parent, dependsOn: [place.addon], ...FIXED_NAME },
            ),
        ]),
    );
}
