import { connectionTypes } from '../api/connection';
import { Organization } from './organization.type';

export const OrganizationConnection = connectionTypes(Organization, 'Organization');
