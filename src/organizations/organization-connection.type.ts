import { connectionTypes } from '../common/connection';
import { Organization } from './organization.type';

export const OrganizationConnection = connectionTypes(Organization, 'Organization');
